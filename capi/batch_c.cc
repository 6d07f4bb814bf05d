// The C ABI of the batch queries (orgnet.h, capi_batch): every input checked before anything
// is written, then the C++ batch functions of orgnet/batch.h.
#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/arrays.h"
#include "capi/error.h"
#include "capi/handles.h"
#include "orgnet/batch.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

namespace {

using orgnet::internal::Cat;
using orgnet::Index;
using orgnet::Network;
using orgnet::Table;
using orgnet::capi::Guard;
using orgnet::capi::Invalid;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;

// ORGNET_OUT_OF_RANGE naming the first of @p orgs that is not an org row ("orgs[17] 900 out of
// range [0, 234)"); INVALID_ARGUMENT for a NULL array holding cells.
int CheckOrgArray(const Network& net, const uint32_t* orgs, size_t count, const char* name) {
  if (orgs == nullptr && count > 0) return Invalid(Cat(name, " is NULL"));
  const Index n = net.org_count();
  for (size_t i = 0; i < count; ++i) {
    if (orgs[i] >= n) {
      return SetError(ORGNET_OUT_OF_RANGE, Cat(name, "[", i, "] ", orgs[i],
                                               " out of range: orgs.csv has ", n, " rows"));
    }
  }
  return ORGNET_OK;
}

absl::Span<const Index> Span(const uint32_t* values, size_t count) {
  return count == 0 ? absl::Span<const Index>() : absl::MakeConstSpan(values, count);
}

// The ids of orgnet_network_find_many() as views, after checking their layout.
int SplitIds(const char* ids, size_t ids_bytes, const uint64_t* offsets, size_t count,
             std::vector<std::string_view>* out) {
  if (ids == nullptr && ids_bytes > 0) return Invalid("ids is NULL");
  out->reserve(count);
  if (offsets != nullptr) {
    if (offsets[0] != 0) return Invalid(Cat("offsets[0] is ", offsets[0], "; it must be 0"));
    for (size_t i = 0; i < count; ++i) {
      if (offsets[i + 1] < offsets[i] || offsets[i + 1] > ids_bytes) {
        return Invalid(Cat("offsets[", i + 1, "] is ", offsets[i + 1], ": offsets must rise and ",
                           "stay within the ", ids_bytes, " bytes of ids"));
      }
      out->emplace_back(ids + offsets[i], offsets[i + 1] - offsets[i]);
    }
    return ORGNET_OK;
  }
  const char* at = ids;
  const char* end = ids == nullptr ? nullptr : ids + ids_bytes;
  while (at != end) {
    const void* nul = std::memchr(at, '\0', static_cast<size_t>(end - at));
    if (nul == nullptr) {
      return Invalid(Cat("ids: the last ", end - at, " bytes end without a NUL byte"));
    }
    const char* stop = static_cast<const char*>(nul);
    if (out->size() == count) break;
    out->emplace_back(at, static_cast<size_t>(stop - at));
    at = stop + 1;
  }
  if (out->size() != count || at != end) {
    return Invalid(Cat("ids holds ", out->size() == count ? "more than " : "", out->size(),
                       " NUL-terminated ids; count is ", count));
  }
  return ORGNET_OK;
}

}  // namespace

extern "C" {

int orgnet_network_find_many(uint32_t* out, size_t* out_missing, const orgnet_network* network,
                             int table, const char* ids, size_t ids_bytes,
                             const uint64_t* offsets, size_t count, int missing) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    if (int rc = orgnet::capi::CheckTable(table)) return rc;
    const Table t = static_cast<Table>(table);
    if (orgnet::GetTableSpec(t).id_column < 0) {
      return Invalid(Cat(orgnet::GetTableSpec(t).file, " has no ids: its rows are numbered"));
    }
    if (missing != ORGNET_MISSING_FAIL && missing != ORGNET_MISSING_NONE) {
      return Invalid(Cat("missing is ", missing, "; it must be ORGNET_MISSING_FAIL (0) or ",
                         "ORGNET_MISSING_NONE (1)"));
    }
    std::vector<std::string_view> views;
    if (int rc = SplitIds(ids, ids_bytes, offsets, count, &views)) return rc;
    const Network& net = network->network;
    // One lookup per id, into a buffer of our own: a failure leaves out unchanged.
    std::vector<Index> rows(count);
    const size_t not_found = orgnet::FindRows(net, t, views, absl::MakeSpan(rows));
    if (not_found > 0 && missing == ORGNET_MISSING_FAIL) {
      const size_t i = static_cast<size_t>(
          std::find(rows.begin(), rows.end(), orgnet::kNone) - rows.begin());
      return SetError(ORGNET_NOT_FOUND, Cat("ids[", i, "]: ", orgnet::GetTableSpec(t).file,
                                            " has no id ", orgnet::internal::Shown(views[i])));
    }
    if (count > 0) std::memcpy(out, rows.data(), count * sizeof(Index));
    if (out_missing != nullptr) *out_missing = not_found;
    return ORGNET_OK;
  });
}

int orgnet_hierarchy_is_ancestor_many(uint8_t* out, const orgnet_network* network,
                                      const uint32_t* ancestors, const uint32_t* orgs,
                                      size_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    const Network& net = network->network;
    if (int rc = CheckOrgArray(net, ancestors, count, "ancestors")) return rc;
    if (int rc = CheckOrgArray(net, orgs, count, "orgs")) return rc;
    if (count == 0) return ORGNET_OK;
    orgnet::IsAncestorMany(net.hierarchy(), Span(ancestors, count), Span(orgs, count),
                           absl::MakeSpan(out, count));
    return ORGNET_OK;
  });
}

int orgnet_hierarchy_lca_many(uint32_t* out, const orgnet_network* network, const uint32_t* a,
                              const uint32_t* b, size_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    const Network& net = network->network;
    if (int rc = CheckOrgArray(net, a, count, "a")) return rc;
    if (int rc = CheckOrgArray(net, b, count, "b")) return rc;
    if (count == 0) return ORGNET_OK;
    orgnet::LowestCommonAncestorMany(net.hierarchy(), Span(a, count), Span(b, count),
                                     absl::MakeSpan(out, count));
    return ORGNET_OK;
  });
}

int orgnet_hierarchy_depth_many(uint32_t* out, const orgnet_network* network,
                                const uint32_t* orgs, size_t count) {
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (out == nullptr && count > 0) return Invalid("out is NULL");
    const Network& net = network->network;
    if (int rc = CheckOrgArray(net, orgs, count, "orgs")) return rc;
    if (count == 0) return ORGNET_OK;
    orgnet::DepthMany(net.hierarchy(), Span(orgs, count), absl::MakeSpan(out, count));
    return ORGNET_OK;
  });
}

#define ORGNET_WHOLE_ORG_ARRAY(fn, getter)                                              \
  int fn(const uint32_t** out, size_t* out_count, const orgnet_network* network) {      \
    return Guard([&] {                                                                  \
      if (int rc = RequirePointers(                                                     \
              {{out, "out"}, {out_count, "out_count"}, {network, "network"}}))          \
        return rc;                                                                      \
      const auto values = network->network.hierarchy().getter();                        \
      *out = values.data();                                                             \
      *out_count = values.size();                                                       \
      return ORGNET_OK;                                                                 \
    });                                                                                 \
  }
ORGNET_WHOLE_ORG_ARRAY(orgnet_hierarchy_subtree_sizes, subtree_sizes)
ORGNET_WHOLE_ORG_ARRAY(orgnet_hierarchy_depths, depths)
#undef ORGNET_WHOLE_ORG_ARRAY

int orgnet_territory_places(orgnet_place* out, size_t out_count, const orgnet_network* network,
                            int table) {
  ORGNET_SAME_LAYOUT(orgnet_place, orgnet::Place, grid, community, street, district);
  return Guard([&] {
    if (int rc = RequirePointers({{network, "network"}})) return rc;
    if (int rc = orgnet::capi::CheckTable(table)) return rc;
    const Network& net = network->network;
    const Table t = static_cast<Table>(table);
    const Index rows = net.rows(t);
    if (out == nullptr && rows > 0) return Invalid("out is NULL");
    if (out_count < rows) {
      return Invalid(Cat("out holds ", out_count, " places; ", orgnet::GetTableSpec(t).file,
                         " has ", rows, " rows"));
    }
    if (rows == 0) return ORGNET_OK;
    orgnet::PlacesOf(net, t, absl::MakeSpan(reinterpret_cast<orgnet::Place*>(out), rows));
    return ORGNET_OK;
  });
}

}  // extern "C"
