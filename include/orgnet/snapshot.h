/// @file snapshot.h
/// @brief Options for opening a snapshot file (Network::SaveSnapshot, Network::OpenSnapshot).
#ifndef ORGNET_SNAPSHOT_H_
#define ORGNET_SNAPSHOT_H_

#include <cstdint>
#include <string_view>

#include "orgnet/orgnet_export.h"

namespace orgnet {

/// The snapshot format this library writes; it reads every version from 1 to this one
/// (docs/snapshot.md).
inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

/// How much Network::OpenSnapshot checks before it hands out the network.
enum class SnapshotCheck : std::uint8_t {
  /// Every section's checksum, and every stored value against its column's rules (references
  /// and id-index slots in range, dates, numbers and flags in their domains, the leadership
  /// tree free of loops): a damaged or crafted file is rejected and cannot make a later read
  /// go out of bounds. Reads the file once (with read(2), so nothing becomes resident).
  kVerified,
  /// Only the header, the section directory and the catalog (O(sections)): for files the
  /// application wrote itself. A damaged file opened this way may give wrong answers or crash.
  kTrusted,
};

/// Options of Network::OpenSnapshot.
struct SnapshotOptions {
  /// What is checked before the network is handed out.
  SnapshotCheck check = SnapshotCheck::kVerified;
  /// Verify on up to this many threads (1 = the calling thread only).
  int threads = 2;
  /// Read the whole file into memory instead of mapping it: the network never touches the
  /// file again, so another process truncating or rewriting it cannot harm it (no SIGBUS;
  /// docs/snapshot.md), at the cost of the file's size in resident memory and a read of it.
  bool load_into_memory = false;
};

/// True when the file at @p path starts with a snapshot's magic bytes (it may still be
/// damaged): how a command that takes "a dataset folder or a snapshot file" tells them apart.
ORGNET_EXPORT bool IsSnapshotFile(std::string_view path);

}  // namespace orgnet

#endif  // ORGNET_SNAPSHOT_H_
