// The C ABI of the follower (include/orgnet/orgnet.h, "Following a database").
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/handles.h"
#include "capi/returns.h"
#include "orgnet/follower.h"
#include "orgnet/orgnet.h"

struct orgnet_follower {
  std::unique_ptr<orgnet::Follower> follower;
};

using orgnet::capi::Guard;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;
using orgnet::capi::TextArgument;
using orgnet::internal::Cat;

extern "C" {

int orgnet_follower_start(orgnet_follower** out, const char* uri, size_t uri_len,
                          const char* mapping, size_t mapping_len,
                          const orgnet_follower_options* options, orgnet_version_fn on_version,
                          void* context) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view uri_text, mapping_text;
    if (int rc = orgnet::capi::DatabaseArguments(uri, uri_len, mapping, mapping_len, &uri_text,
                                                 &mapping_text)) {
      return rc;
    }
    if (int rc = orgnet::capi::CheckVersion(options, ORGNET_FOLLOWER_OPTIONS_VERSION,
                                            "orgnet_follower_options")) {
      return rc;
    }
    orgnet::FollowerOptions follow;
    if (options != nullptr) {
      std::string_view text;
      if (options->slot != nullptr || options->slot_len != 0) {
        if (int rc = TextArgument(options->slot, options->slot_len, "options->slot", &text)) {
          return rc;
        }
        follow.slot = std::string(text);
      }
      if (options->publication != nullptr || options->publication_len != 0) {
        if (int rc = TextArgument(options->publication, options->publication_len,
                                  "options->publication", &text)) {
          return rc;
        }
        follow.publication = std::string(text);
      }
      if (options->on_bad_transaction != ORGNET_BAD_TRANSACTION_STOP &&
          options->on_bad_transaction != ORGNET_BAD_TRANSACTION_SKIP) {
        return SetError(ORGNET_INVALID_ARGUMENT,
                        Cat("options->on_bad_transaction is ", options->on_bad_transaction,
                            "; expected ORGNET_BAD_TRANSACTION_STOP (0) or _SKIP (1)"));
      }
      follow.on_bad_transaction = options->on_bad_transaction == ORGNET_BAD_TRANSACTION_SKIP
                                      ? orgnet::BadTransactionPolicy::kSkip
                                      : orgnet::BadTransactionPolicy::kStop;
      if (options->snapshot_folder != nullptr || options->snapshot_folder_len != 0) {
        if (int rc = TextArgument(options->snapshot_folder, options->snapshot_folder_len,
                                  "options->snapshot_folder", &text)) {
          return rc;
        }
        follow.snapshot_folder = std::string(text);
      }
      if (!(options->snapshot_seconds >= 0) || options->snapshot_seconds > 1e9) {
        return SetError(ORGNET_INVALID_ARGUMENT,
                        Cat("options->snapshot_seconds is ", options->snapshot_seconds,
                            "; expected 0 to 1e9"));
      }
      follow.snapshot_seconds = options->snapshot_seconds;
      follow.snapshot_transactions = options->snapshot_transactions;
    }
    if (on_version != nullptr) {
      follow.on_version = [on_version, context](const orgnet::FollowedVersion& v) {
        const orgnet_network borrowed{v.network};
        on_version(context, &borrowed, v.lsn, v.commit_time, v.transactions);
      };
    }
    auto started = orgnet::Follower::Start(uri_text, mapping_text, follow);
    if (!started.ok()) return SetError(started.status());
    *out = new orgnet_follower{*std::move(started)};
    return ORGNET_OK;
  });
}

void orgnet_follower_free(orgnet_follower* follower) { delete follower; }

int orgnet_follower_latest(orgnet_network** out, uint64_t* lsn, int64_t* commit_time,
                           uint64_t* transactions, const orgnet_follower* follower) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {follower, "follower"}})) return rc;
    orgnet::FollowedVersion latest = follower->follower->latest();
    if (lsn != nullptr) *lsn = latest.lsn;
    if (commit_time != nullptr) *commit_time = latest.commit_time;
    if (transactions != nullptr) *transactions = latest.transactions;
    *out = new orgnet_network{std::move(latest.network)};
    return ORGNET_OK;
  });
}

int orgnet_follower_refresh(orgnet_network** out, uint64_t* lsn, int64_t* commit_time,
                            uint64_t* transactions, uint64_t* edits, orgnet_follower* follower) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {follower, "follower"}})) return rc;
    std::size_t count = 0;
    absl::StatusOr<orgnet::FollowedVersion> refreshed = follower->follower->Refresh(&count);
    if (edits != nullptr) *edits = count;
    if (!refreshed.ok()) return SetError(refreshed.status());
    if (lsn != nullptr) *lsn = refreshed->lsn;
    if (commit_time != nullptr) *commit_time = refreshed->commit_time;
    if (transactions != nullptr) *transactions = refreshed->transactions;
    *out = new orgnet_network{std::move(refreshed->network)};
    return ORGNET_OK;
  });
}

int orgnet_follower_status(orgnet_follower_state* out, const orgnet_follower* follower) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {follower, "follower"}})) return rc;
    const orgnet::FollowerStatus s = follower->follower->status();
    *out = orgnet_follower_state{s.running ? 1 : 0,
                                  s.diverged ? 1 : 0,
                                  static_cast<int>(s.error.code()),
                                  s.applied_lsn,
                                  s.server_lsn,
                                  s.lag_bytes,
                                  s.lag_seconds,
                                  s.transactions,
                                  s.skipped,
                                  s.snapshot_lsn,
                                  static_cast<int>(s.snapshot_error.code()),
                                  s.resumed ? 1 : 0,
                                  s.reconnecting ? 1 : 0,
                                  s.reconnects};
    return ORGNET_OK;
  });
}

int orgnet_follower_message(char** out, size_t* out_len, const orgnet_follower* follower) {
  return orgnet::capi::CopyText(out, out_len, {{follower, "follower"}}, [&] {
    const orgnet::FollowerStatus s = follower->follower->status();
    if (!s.error.ok()) return std::string(s.error.message());
    if (s.diverged) return s.last_skipped;
    if (s.reconnecting) return std::string(s.last_disconnect.message());
    return std::string(s.snapshot_error.message());
  });
}

int orgnet_follower_wait(int* out, const orgnet_follower* follower, uint64_t transactions,
                         uint32_t timeout_ms) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {follower, "follower"}})) return rc;
    *out = follower->follower->WaitForTransactions(transactions,
                                                   std::chrono::milliseconds(timeout_ms))
               ? 1
               : 0;
    return ORGNET_OK;
  });
}

int orgnet_follower_stop(orgnet_follower* follower) {
  return Guard([&] {
    if (int rc = RequirePointers({{follower, "follower"}})) return rc;
    return SetError(follower->follower->Stop());
  });
}

}  // extern "C"
