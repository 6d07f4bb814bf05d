// What the C ABI's network, report, builder and edit-batch handles hold, and the one way a
// call that makes a network (load, build, apply, edit) hands over its result and report.
#ifndef ORGNET_CAPI_HANDLES_H_
#define ORGNET_CAPI_HANDLES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "orgnet/builder.h"
#include "orgnet/diagnostic.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"

struct orgnet_network {
  orgnet::Network network;
};
struct orgnet_report {
  orgnet::LoadReport report;
  std::vector<std::string> texts[2];  // one-line forms, by severity
};
struct orgnet_builder {
  orgnet::NetworkBuilder builder;
};
struct orgnet_edit_batch {
  orgnet::EditBatch batch;
};

namespace orgnet::capi {

// The C++ options of a load, build or edit (NULL: the defaults).
LoadOptions LoadOptionsOf(const orgnet_load_options* options);
// ORGNET_INVALID_ARGUMENT for an options struct of an unknown version.
int CheckLoadOptions(const orgnet_load_options* options);
// Finishes a call that produced a network: the report (if asked for, also on failure), then
// the network or the failure's status.
int Deliver(orgnet_network** out, orgnet_report** report_out, absl::StatusOr<Network> result,
            LoadReport report);

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_HANDLES_H_
