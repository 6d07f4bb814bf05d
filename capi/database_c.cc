// The C ABI of database loads (include/orgnet/orgnet.h, "Databases").
#include <string_view>
#include <utility>

#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/handles.h"
#include "capi/returns.h"
#include "orgnet/follower.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

using orgnet::Network;
using orgnet::capi::Guard;
using orgnet::capi::RequirePointers;

extern "C" {

int orgnet_network_load_database(orgnet_network** out, const char* uri, size_t uri_len,
                                 const char* mapping, size_t mapping_len,
                                 const orgnet_load_options* options, orgnet_report** report) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view uri_text, mapping_text;
    if (int rc = orgnet::capi::DatabaseArguments(uri, uri_len, mapping, mapping_len, &uri_text,
                                                 &mapping_text)) {
      return rc;
    }
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    orgnet::LoadReport load_report;
    auto network = Network::LoadDatabase(uri_text, mapping_text,
                                         orgnet::capi::LoadOptionsOf(options), &load_report);
    return orgnet::capi::Deliver(out, report, std::move(network), std::move(load_report));
  });
}

int orgnet_network_refresh_database(orgnet_network** out, size_t* edits,
                                    const orgnet_network* current, const char* uri,
                                    size_t uri_len, const char* mapping, size_t mapping_len,
                                    const orgnet_load_options* options) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {current, "current"}})) return rc;
    std::string_view uri_text, mapping_text;
    if (int rc = orgnet::capi::DatabaseArguments(uri, uri_len, mapping, mapping_len, &uri_text,
                                                 &mapping_text)) {
      return rc;
    }
    if (int rc = orgnet::capi::CheckLoadOptions(options)) return rc;
    std::size_t applied = 0;
    absl::StatusOr<Network> refreshed =
        orgnet::RefreshFromDatabase(current->network, uri_text, mapping_text,
                                    orgnet::capi::LoadOptionsOf(options), &applied);
    if (!refreshed.ok()) return orgnet::capi::SetError(refreshed.status());
    if (edits != nullptr) *edits = applied;
    *out = new orgnet_network{*std::move(refreshed)};
    return ORGNET_OK;
  });
}

int orgnet_has_database_support(void) { return Network::HasDatabaseSupport() ? 1 : 0; }

}  // extern "C"
