// Typing and validation of text tables into a Network: the one path shared by the loader,
// the builder and edits, so that every rule holds the same way whatever the source.
#ifndef ORGNET_SRC_MODEL_BUILD_H_
#define ORGNET_SRC_MODEL_BUILD_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "model/diagnostic_sink.h"
#include "model/raw_table.h"
#include "model/network_impl.h"
#include "orgnet/network.h"

namespace orgnet::internal {

// Checks every rule of dataset-v1 on `raw` (consumed) and builds the network. Errors and
// warnings go to `sink`; on any error the result is the sink's first-error status.
absl::StatusOr<std::shared_ptr<const NetworkImpl>> BuildImpl(RawDataset raw,
                                                             const LoadOptions& options,
                                                             DiagnosticSink& sink,
                                                             LoadReport* report);
// Makes the shared empty network (see network.cc) if it is not made yet; may throw
// std::bad_alloc.
void PrepareEmptyNetwork();

absl::StatusOr<Network> BuildNetwork(RawDataset raw, const LoadOptions& options,
                                     DiagnosticSink& sink, LoadReport* report);

// The warning a load gives for a reference to an org of another kind than the column expects
// (a member's community that is not a community, ...): @p what names the column's role.
std::string KindWarning(std::string_view org_id, std::string_view org_kind, std::string_view what,
                        std::string_view kind);

// The warning a load gives for @p value in a column whose values are a known list (staff
// roles, org levels, event levels), or nullopt.
std::optional<std::string> UnknownValueWarning(Table table, int column, std::string_view value);

// Builds the org kinds (unless `impl` has them for its orgs: a reparent keeps them), hierarchy
// and territory of `impl` from its columns (patches read). With @p member_unknown (a
// snapshot's stored counts) the members are not read.
void Finalize(NetworkImpl& impl, const std::array<std::int64_t, 3>* member_unknown = nullptr);

// Canonical text of a real: the shortest form that reads back to the same double.
std::string FormatReal(double value);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_BUILD_H_
