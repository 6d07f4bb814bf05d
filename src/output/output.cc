// OutputFile and OutputFolder: the one way orgnet writes (include/orgnet/output.h).
#include "orgnet/output.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <functional>
#include <set>
#include <utility>
#include <vector>

#include "base/text.h"
#include "orgnet/schema.h"
#include "output/posix_files.h"
#include "output/steps.h"

namespace orgnet {

using internal::Cat;
using internal::ErrnoStatus;
using internal::OutputStep;
using internal::SyncFd;

namespace {

// The file names a dataset's tables and manifest take.
bool IsDatasetFile(std::string_view name) {
  if (name == "manifest.csv") return true;
  for (int t = 0; t < kTableCount; ++t) {
    if (GetTableSpec(static_cast<Table>(t)).file == name) return true;
  }
  return false;
}

}  // namespace

// ------------------------------------------------------------------------------ OutputFile

struct OutputFile::State {
  std::string path;       // as given
  std::string name;       // the target's name in its folder
  std::string temporary;  // the file's name while written (a file of a folder: its own name)
  int folder_fd = -1;     // owned by a standalone file
  bool owns_folder_fd = false;
  int fd = -1;
  bool committed = false;
  // A file of an OutputFolder: told when the file is committed or abandoned, and keeping the
  // folder's state (and so its folder's descriptor) alive.
  std::shared_ptr<void> owner;
  std::function<void(const std::string&, bool)> on_end;

  ~State() {
    if (fd >= 0) ::close(fd);
    if (!committed && !temporary.empty() && folder_fd >= 0) {
      ::unlinkat(folder_fd, temporary.c_str(), 0);
    }
    if (owns_folder_fd && folder_fd >= 0) ::close(folder_fd);
    if (on_end) on_end(name, committed);
  }
  void End() {
    if (on_end) std::exchange(on_end, nullptr)(name, committed);
  }
};

OutputFile::OutputFile(std::unique_ptr<State> state) : state_(std::move(state)) {}
OutputFile::OutputFile(OutputFile&& other) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&& other) noexcept = default;
OutputFile::~OutputFile() = default;

const std::string& OutputFile::path() const {
  static const std::string kNone;
  return state_ ? state_->path : kNone;
}

absl::StatusOr<OutputFile> OutputFile::Create(std::string_view path) {
  if (!path.empty() && path.back() == '/') {
    return absl::InvalidArgumentError(Cat(path, ": ends with '/', a folder; a file is wanted here"));
  }
  absl::StatusOr<internal::TargetPath> target = internal::SplitTarget(path);
  if (!target.ok()) return target.status();
  struct stat st;
  if (::lstat(target->shown.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(Cat(path, ": a folder; a file is wanted here"));
  }
  if (absl::Status s = internal::MakeFolders(target->folder, target->shown); !s.ok()) return s;
  absl::StatusOr<int> folder_fd = internal::OpenFolder(target->folder, target->folder);
  if (!folder_fd.ok()) return folder_fd.status();
  auto state = std::make_unique<State>();
  state->path = std::string(path);
  state->name = target->name;
  state->folder_fd = *folder_fd;
  state->owns_folder_fd = true;
  internal::RemoveStaleTemporaries(state->folder_fd, state->name);
  absl::StatusOr<internal::Temporary> made =
      internal::MakeTemporary(state->folder_fd, state->name, false, state->path);
  if (!made.ok()) return made.status();
  state->fd = made->fd;
  state->temporary = std::move(made->name);
  return OutputFile(std::move(state));
}

absl::Status OutputFile::Write(std::string_view bytes) {
  if (!state_ || state_->committed || state_->fd < 0) {
    return absl::FailedPreconditionError(Cat(path(), ": the file is already committed"));
  }
  if (bytes.empty()) return absl::OkStatus();
  if (absl::Status s = OutputStep("write", state_->path); !s.ok()) return s;
  if (!internal::WriteAll(state_->fd, bytes.data(), bytes.size())) {
    return ErrnoStatus(errno, state_->path, "write");
  }
  return absl::OkStatus();
}

absl::Status OutputFile::Commit() {
  if (!state_ || state_->committed || state_->fd < 0) {
    return absl::FailedPreconditionError(Cat(path(), ": the file is already committed"));
  }
  if (absl::Status s = SyncFd(state_->fd, state_->path); !s.ok()) return s;
  if (state_->owner) {  // a file of a folder: the folder's Commit puts it in place
    const int fd = std::exchange(state_->fd, -1);
    if (::close(fd) != 0) return ErrnoStatus(errno, state_->path, "close");
    state_->committed = true;
    state_->End();
    return absl::OkStatus();
  }
  if (absl::Status s = OutputStep("rename", state_->path); !s.ok()) return s;
  if (::renameat(state_->folder_fd, state_->temporary.c_str(), state_->folder_fd,
                 state_->name.c_str()) != 0) {
    return ErrnoStatus(errno, state_->path, "renaming the new file into place");
  }
  state_->committed = true;
  ::close(std::exchange(state_->fd, -1));
  // The rename is durable only once the folder's entry is on disk.
  return SyncFd(state_->folder_fd, Cat(state_->path, " (its folder)"));
}

// ---------------------------------------------------------------------------- OutputFolder

struct OutputFolder::State {
  internal::TargetPath target;
  FolderKind kind = FolderKind::kDataset;
  int parent_fd = -1;
  std::string staging;  // the new folder's name in the parent while written
  int staging_fd = -1;  // holds an exclusive flock while the writer lives
  std::set<std::string> added;
  std::set<std::string> written;
  int open_files = 0;
  bool committed = false;

  ~State() {
    if (staging_fd >= 0) ::close(staging_fd);
    if (!staging.empty() && parent_fd >= 0) {
      (void)internal::RemoveTree(parent_fd, staging, staging);
    }
    if (parent_fd >= 0) ::close(parent_fd);
  }
};

OutputFolder::OutputFolder(std::shared_ptr<State> state) : state_(std::move(state)) {}
OutputFolder::OutputFolder(OutputFolder&& other) noexcept = default;
OutputFolder& OutputFolder::operator=(OutputFolder&& other) noexcept = default;
OutputFolder::~OutputFolder() = default;

const std::string& OutputFolder::path() const {
  static const std::string kNone;
  return state_ ? state_->target.shown : kNone;
}

namespace {

// What the folder at `folder_fd` holds (its entries' names, sorted) and which of them an
// earlier write of `kind` owns; an error when `kind` may not replace the folder.
struct Entries {
  std::vector<std::string> names;
  std::set<std::string> owned;
};
absl::StatusOr<Entries> OwnedEntries(int folder_fd, FolderKind kind, std::string_view shown) {
  absl::StatusOr<std::vector<std::string>> listed = internal::ListFolder(folder_fd, shown);
  if (!listed.ok()) return listed.status();
  Entries entries{*std::move(listed), {}};
  const std::vector<std::string>* names = &entries.names;
  std::set<std::string>& owned = entries.owned;
  if (names->empty()) return entries;
  if (kind == FolderKind::kDataset) {
    for (const std::string& name : *names) {
      if (IsDatasetFile(name)) owned.insert(name);
    }
    if (owned.empty()) {
      return absl::FailedPreconditionError(Cat(
          shown, ": neither empty nor a dataset folder (it holds no orgs.csv, no other table "
                 "file and no manifest.csv); a dataset is saved only into a new, an empty or a "
                 "dataset folder"));
    }
    return entries;
  }
  if (!std::binary_search(names->begin(), names->end(), std::string(kExportMarker))) {
    return absl::FailedPreconditionError(Cat(
        shown, ": neither empty nor written by orgnet export (it holds no ", kExportMarker,
        "); an export writes only into a new, an empty or an earlier export's folder"));
  }
  const int fd = ::openat(folder_fd, std::string(kExportMarker).c_str(),
                          O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, Cat(shown, "/", kExportMarker), "open");
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string name = text.substr(start, end - start);
    // Only plain names of this folder: a crafted marker cannot make a write remove anything
    // outside it, nor the marker itself count as carried.
    if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != "..") {
      owned.insert(name);
    }
    start = end + 1;
  }
  owned.insert(std::string(kExportMarker));
  return entries;
}

}  // namespace

absl::StatusOr<OutputFolder> OutputFolder::Create(std::string_view path, FolderKind kind) {
  if (kind != FolderKind::kDataset && kind != FolderKind::kExport) {
    return absl::InvalidArgumentError(Cat("unknown folder kind ", static_cast<int>(kind)));
  }
  absl::StatusOr<internal::TargetPath> target = internal::SplitTarget(path);
  if (!target.ok()) return target.status();
  struct stat st;
  if (::lstat(target->shown.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      // A link to a folder: the folder it names is the target (the link stays).
      char resolved[PATH_MAX];
      if (::realpath(target->shown.c_str(), resolved) == nullptr) {
        return ErrnoStatus(errno, target->shown, "resolving the link");
      }
      const std::string shown = target->shown;
      target = internal::SplitTarget(resolved);
      if (!target.ok()) return target.status();
      target->shown = shown;
      if (::stat(resolved, &st) != 0) return ErrnoStatus(errno, shown, "stat");
    }
    if (!S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(Cat(path, ": a file; a folder is wanted here"));
    }
    const int fd = ::open(target->shown.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, target->shown, "opening the folder");
    absl::StatusOr<Entries> owned = OwnedEntries(fd, kind, target->shown);
    ::close(fd);
    if (!owned.ok()) return owned.status();
  }
  if (absl::Status s = internal::MakeFolders(target->folder, target->shown); !s.ok()) return s;
  auto state = std::make_shared<State>();
  state->kind = kind;
  absl::StatusOr<int> parent_fd = internal::OpenFolder(target->folder, target->folder);
  if (!parent_fd.ok()) return parent_fd.status();
  state->parent_fd = *parent_fd;
  state->target = *std::move(target);
  internal::RemoveStaleTemporaries(state->parent_fd, state->target.name);
  absl::StatusOr<internal::Temporary> made =
      internal::MakeTemporary(state->parent_fd, state->target.name, true, state->target.shown);
  if (!made.ok()) return made.status();
  state->staging = std::move(made->name);
  state->staging_fd = made->fd;
  // Says "unfinished" to anyone who finds the new folder before it is in place.
  const std::string marker(kIncompleteMarker);
  if (absl::Status s = OutputStep("create", marker); !s.ok()) return s;
  const int fd = ::openat(state->staging_fd, marker.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return ErrnoStatus(errno, state->target.shown, "creating the marker");
  ::close(fd);
  return OutputFolder(std::move(state));
}

absl::StatusOr<OutputFile> OutputFolder::AddFile(std::string_view name) {
  if (!state_ || state_->committed) {
    return absl::FailedPreconditionError(Cat(path(), ": the folder is already committed"));
  }
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError(Cat(internal::Shown(name), ": not a plain file name"));
  }
  if (name.size() > internal::kMaxNameBytes) {
    return absl::InvalidArgumentError(Cat(internal::Shown(name), ": the name is ", name.size(),
                                          " bytes long; at most ", internal::kMaxNameBytes));
  }
  if (name == kIncompleteMarker || name == kExportMarker) {
    return absl::InvalidArgumentError(Cat(name, ": the name of orgnet's marker file"));
  }
  const std::string file(name);
  if (!state_->added.insert(file).second) {
    return absl::InvalidArgumentError(Cat(file, ": added to ", path(), " twice"));
  }
  auto file_state = std::make_unique<OutputFile::State>();
  file_state->path = Cat(state_->target.shown, "/", file);
  file_state->name = file;
  file_state->temporary = file;
  file_state->folder_fd = state_->staging_fd;
  if (absl::Status s = OutputStep("create", file_state->path); !s.ok()) return s;
  file_state->fd = ::openat(state_->staging_fd, file.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (file_state->fd < 0) {
    return ErrnoStatus(errno, file_state->path, "creating");
  }
  ++state_->open_files;
  file_state->owner = state_;
  State* folder = state_.get();
  file_state->on_end = [folder](const std::string& ended, bool committed) {
    --folder->open_files;
    if (committed) folder->written.insert(ended);
  };
  return OutputFile(std::move(file_state));
}

absl::Status OutputFolder::Commit() {
  if (!state_ || state_->committed) {
    return absl::FailedPreconditionError(Cat(path(), ": the folder is already committed"));
  }
  State& s = *state_;
  if (s.open_files > 0) {
    return absl::FailedPreconditionError(
        Cat(s.target.shown, ": ", s.open_files, " of its files are not committed yet"));
  }
  for (const std::string& name : s.added) {
    if (s.written.count(name) == 0) {
      return absl::FailedPreconditionError(
          Cat(s.target.shown, "/", name, ": abandoned; the folder is not replaced"));
    }
  }
  // The old folder as it is now: what to carry over, and whether this kind may replace it.
  struct stat st;
  const bool old_exists =
      ::fstatat(s.parent_fd, s.target.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  if (old_exists) {
    if (!S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(Cat(s.target.shown, ": a file; a folder is wanted here"));
    }
    const int old_fd = ::openat(s.parent_fd, s.target.name.c_str(),
                                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (old_fd < 0) return ErrnoStatus(errno, s.target.shown, "opening the folder");
    absl::Status status = [&]() -> absl::Status {
      absl::StatusOr<Entries> entries = OwnedEntries(old_fd, s.kind, s.target.shown);
      if (!entries.ok()) return entries.status();
      const std::set<std::string>* owned = &entries->owned;
      for (const std::string& name : entries->names) {
        if (s.written.count(name) || name == kIncompleteMarker) continue;
        if (owned->count(name)) {
          if (s.kind == FolderKind::kDataset) {
            return absl::FailedPreconditionError(Cat(
                s.target.shown, "/", name, ": a table this dataset does not have; orgnet "
                "neither removes it nor leaves it beside the new tables (it would load as part "
                "of them): move it away or save into another folder"));
          }
          continue;  // an earlier export's file that this one does not write
        }
        if (absl::Status c = internal::CarryEntry(old_fd, s.staging_fd, name,
                                                  Cat(s.target.shown, "/", name));
            !c.ok()) {
          return c;
        }
      }
      if (::fchmod(s.staging_fd, st.st_mode & 07777) != 0) {
        return ErrnoStatus(errno, s.target.shown, "giving the new folder the old one's mode");
      }
      // Only root may give a folder to another owner; anyone else made both folders.
      if (::fchown(s.staging_fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) {
        return ErrnoStatus(errno, s.target.shown, "giving the new folder the old one's owner");
      }
      return absl::OkStatus();
    }();
    ::close(old_fd);
    if (!status.ok()) return status;
  }
  if (s.kind == FolderKind::kExport) {
    const std::string marker(kExportMarker);
    std::string text;
    for (const std::string& name : s.written) text.append(name).push_back('\n');
    const std::string shown = Cat(s.target.shown, "/", marker);
    if (absl::Status st2 = OutputStep("create", shown); !st2.ok()) return st2;
    const int fd = ::openat(s.staging_fd, marker.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) return ErrnoStatus(errno, shown, "creating");
    absl::Status written = OutputStep("write", shown);
    if (written.ok() && !internal::WriteAll(fd, text.data(), text.size())) {
      written = ErrnoStatus(errno, shown, "write");
    }
    if (written.ok()) written = SyncFd(fd, shown);
    ::close(fd);
    if (!written.ok()) return written;
  }
  const std::string incomplete(kIncompleteMarker);
  if (absl::Status st2 = OutputStep("unlink", incomplete); !st2.ok()) return st2;
  if (::unlinkat(s.staging_fd, incomplete.c_str(), 0) != 0) {
    return ErrnoStatus(errno, s.target.shown, "removing the marker");
  }
  if (absl::Status st2 = SyncFd(s.staging_fd, s.target.shown); !st2.ok()) return st2;
  // One step puts the new folder in place: the target is the old folder before it and the
  // new one after it, whenever the process dies.
  bool exchanged = false;
  if (old_exists) {
    if (absl::Status st2 = OutputStep("exchange", s.target.shown); !st2.ok()) return st2;
    if (::renameat2(s.parent_fd, s.staging.c_str(), s.parent_fd, s.target.name.c_str(),
                    RENAME_EXCHANGE) != 0) {
      if (errno == EINVAL || errno == ENOSYS) {
        return absl::UnimplementedError(Cat(
            s.target.shown, ": this file system cannot exchange two folders in one step "
            "(renameat2 RENAME_EXCHANGE), so the folder cannot be replaced safely: write into "
            "a new folder"));
      }
      return ErrnoStatus(errno, s.target.shown, "exchanging the new folder with the old");
    }
    exchanged = true;
  } else {
    if (absl::Status st2 = OutputStep("rename", s.target.shown); !st2.ok()) return st2;
    if (::renameat2(s.parent_fd, s.staging.c_str(), s.parent_fd, s.target.name.c_str(),
                    RENAME_NOREPLACE) != 0) {
      if (errno != EEXIST && errno != ENOTEMPTY) {
        return ErrnoStatus(errno, s.target.shown, "renaming the new folder into place");
      }
      // Another writer put a folder there meanwhile: this complete one replaces it.
      if (::renameat2(s.parent_fd, s.staging.c_str(), s.parent_fd, s.target.name.c_str(),
                      RENAME_EXCHANGE) != 0) {
        return ErrnoStatus(errno, s.target.shown, "exchanging the new folder with the old");
      }
      exchanged = true;
    }
  }
  s.committed = true;
  ::close(std::exchange(s.staging_fd, -1));
  if (!exchanged) s.staging.clear();
  absl::Status synced = SyncFd(s.parent_fd, Cat(s.target.shown, " (its folder)"));
  // The old folder now has the temporary name; a failure to remove it leaves a leftover that
  // the next write to this target removes, and the write itself is done.
  if (exchanged) {
    (void)internal::RemoveTree(s.parent_fd, s.staging, s.staging);
    s.staging.clear();
  }
  return synced;
}

}  // namespace orgnet
