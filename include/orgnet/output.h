/// @file output.h
/// @brief Crash-safe output: every file and folder orgnet writes goes through these two
/// classes, so that after a crash, a kill or a failed write at any moment the target is
/// exactly the old content or exactly the new one (docs/output.md, "Writing safely").
///
/// A file is written to an exclusive temporary file beside it (`O_CREAT|O_EXCL|O_NOFOLLOW`,
/// a random name, mode from the umask), synced, renamed over the target, and the folder
/// synced. A folder is written as a new sibling folder and exchanged with the old one in one
/// step (`renameat2(RENAME_EXCHANGE)`), then the old one is removed. Neither ever follows a
/// symbolic link planted at a temporary name, and neither is torn by a concurrent writer to
/// the same target: the last to finish wins, whole.
#ifndef ORGNET_OUTPUT_H_
#define ORGNET_OUTPUT_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "orgnet/orgnet_export.h"

namespace orgnet {

/// What a folder written by OutputFolder holds, which decides what it may replace and what it
/// carries over from the folder it replaces.
enum class FolderKind {
  /// A dataset (Network::Save). Replaces a missing or empty folder, or a dataset folder: one
  /// that holds a table file (`orgs.csv`, ...) or `manifest.csv`. Every other entry of the old
  /// folder (a README, a subfolder) is carried into the new one; a table file of the old
  /// folder that the new dataset does not write is refused (it would load as part of it).
  kDataset = 0,
  /// An export (`orgnet export`). Replaces a missing or empty folder, or one that an earlier
  /// export wrote (it holds the marker file `.orgnet-export`, listing the files it wrote);
  /// entries of the old folder that the earlier export did not write are carried over.
  kExport = 1,
};

class OutputFolder;

/// A file written whole or not at all. Create() makes the temporary file, Write() appends to
/// it, Commit() puts it in place; destroying an uncommitted OutputFile removes its temporary
/// file and leaves the target as it was. Missing folders above the target are created. One
/// thread at a time.
class ORGNET_EXPORT OutputFile {
 public:
  /// Starts writing the file at @p path. Errors: INVALID_ARGUMENT (an empty path, a name
  /// longer than 255 bytes, a folder at @p path), NOT_FOUND or PERMISSION_DENIED (a folder
  /// above it cannot be made or written: the message names which and why). Cost: O(1)
  /// system calls, plus the removal of temporary files that killed writers left beside it.
  static absl::StatusOr<OutputFile> Create(std::string_view path);

  /// Move (the moved-from file is empty: its calls are FAILED_PRECONDITION).
  OutputFile(OutputFile&& other) noexcept;
  /// Move; an uncommitted file this one held is discarded first.
  OutputFile& operator=(OutputFile&& other) noexcept;
  /// Discards an uncommitted file (its temporary file is removed, the target left as it was).
  ~OutputFile();

  /// Appends @p bytes. Errors: DATA_LOSS (the write failed: disk full, I/O error; the
  /// message names the file), FAILED_PRECONDITION (committed or moved from). Cost: O(bytes).
  absl::Status Write(std::string_view bytes);
  /// Syncs the data, renames the file over its target and syncs the folder (a file of an
  /// OutputFolder: syncs and closes it; the folder's Commit() puts it in place). Errors:
  /// DATA_LOSS (a sync or rename failed; the target is as it was, except when the last
  /// step, syncing the folder after the rename, fails: the message then names "(its
  /// folder)", and the target is the new file, not yet known to be durable), FAILED_PRECONDITION
  /// (committed twice or moved from). Cost: O(bytes not yet on disk).
  absl::Status Commit();
  /// The target's path, as given.
  const std::string& path() const;

 private:
  friend class OutputFolder;
  struct State;
  explicit OutputFile(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// A folder written whole or not at all: files are added to a new sibling folder, and
/// Commit() exchanges it with the target in one step, then removes the old one. After a kill
/// at any moment the target is the old folder or the new one; the new sibling left by a kill
/// (`.NAME.orgnet-XXXXXX`, holding the marker `.orgnet-incomplete`, which a load refuses) is
/// removed by the next write to the same target. The new folder takes the old one's mode and
/// owner (a new folder: the umask's). One thread at a time.
class ORGNET_EXPORT OutputFolder {
 public:
  /// Starts writing the folder at @p path. Errors: INVALID_ARGUMENT (an empty path, a name
  /// longer than 255 bytes, a file at @p path), FAILED_PRECONDITION (a folder that @p kind
  /// may not replace: the message says why), NOT_FOUND or PERMISSION_DENIED (a folder above
  /// cannot be made or written). Cost: O(entries of the old folder) system calls.
  static absl::StatusOr<OutputFolder> Create(std::string_view path, FolderKind kind);

  /// Move (the moved-from folder is empty: its calls are FAILED_PRECONDITION).
  OutputFolder(OutputFolder&& other) noexcept;
  /// Move; an uncommitted folder this one held is discarded first.
  OutputFolder& operator=(OutputFolder&& other) noexcept;
  /// Discards an uncommitted folder (the new folder is removed, the target left as it was);
  /// files added to it and not yet released keep it alive until they are.
  ~OutputFolder();

  /// Starts the file @p name (a plain name: no `/`, not `.` or `..`, not a marker's name, at
  /// most 255 bytes, each name once). Commit it before the folder. Errors: INVALID_ARGUMENT
  /// (a bad or repeated name), FAILED_PRECONDITION (the folder is committed), PERMISSION_DENIED
  /// or DATA_LOSS (the file cannot be made). Cost: O(1) system calls.
  absl::StatusOr<OutputFile> AddFile(std::string_view name);
  /// Carries the old folder's other entries over (hard links where the file system allows,
  /// copies elsewhere), syncs the new folder and exchanges it with the target, then removes
  /// the old one. Errors: FAILED_PRECONDITION (a file added and not committed; with kDataset,
  /// a table file of the old folder that this dataset does not write), DATA_LOSS (a sync,
  /// link, copy or exchange failed; the target is as it was, except when the last step,
  /// syncing the parent after the exchange, fails: the message then names "(its folder)",
  /// and the target is the new folder, not yet known to be durable), UNIMPLEMENTED (a file system
  /// that cannot exchange two folders). Cost: O(entries of the old folder) system calls, plus
  /// the bytes of entries that cannot be hard-linked.
  absl::Status Commit();
  /// The target's path, as given.
  const std::string& path() const;

 private:
  struct State;
  explicit OutputFolder(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

/// The marker file of a folder being written (a load refuses a folder that holds it).
inline constexpr std::string_view kIncompleteMarker = ".orgnet-incomplete";
/// The marker file of an export's folder (the names it wrote, one a line).
inline constexpr std::string_view kExportMarker = ".orgnet-export";

}  // namespace orgnet

#endif  // ORGNET_OUTPUT_H_
