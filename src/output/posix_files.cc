#include "output/posix_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

#include "base/text.h"
#include "output/steps.h"

namespace orgnet::internal {
namespace {

class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

// Whether `name` is a temporary made for a target named like `prefix` announces.
bool IsTemporaryOf(std::string_view entry, std::string_view prefix) {
  return entry.size() == prefix.size() + 6 && entry.substr(0, prefix.size()) == prefix;
}

absl::Status CopyFile(int from_fd, int to_fd, const std::string& name, mode_t mode,
                      std::string_view shown) {
  const int in = ::openat(from_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (in < 0) return ErrnoStatus(errno, shown, "open");
  FdCloser close_in(in);
  if (absl::Status s = OutputStep("create", shown); !s.ok()) return s;
  const int out = ::openat(to_fd, name.c_str(),
                           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777);
  if (out < 0) return ErrnoStatus(errno, shown, "create");
  FdCloser close_out(out);
  std::string buffer(1 << 16, '\0');
  for (;;) {
    const ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno, shown, "read");
    if (n == 0) break;
    if (absl::Status s = OutputStep("write", shown); !s.ok()) return s;
    if (!WriteAll(out, buffer.data(), static_cast<std::size_t>(n))) {
      return ErrnoStatus(errno, shown, "write");
    }
  }
  return SyncFd(out, shown);
}

}  // namespace

absl::Status ErrnoStatus(int error, std::string_view path, std::string_view doing) {
  const std::string message = Cat(path, ": ", doing, " failed (", std::strerror(error), ")");
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case ENAMETOOLONG:
    case EISDIR:
    case ELOOP:
    case EINVAL:
      return absl::InvalidArgumentError(message);
    case ENOMEM:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::DataLossError(message);
  }
}

absl::StatusOr<TargetPath> SplitTarget(std::string_view path) {
  TargetPath target;
  target.shown = std::string(path);
  if (path.empty()) return absl::InvalidArgumentError("the output path is empty");
  if (path.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("the output path holds a NUL byte");
  }
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  const std::size_t slash = trimmed.rfind('/');
  if (slash == std::string_view::npos) {
    target.folder.assign(1, '.');
    target.name = std::string(trimmed);
  } else {
    target.folder = slash == 0 ? "/" : std::string(trimmed.substr(0, slash));
    target.name = std::string(trimmed.substr(slash + 1));
  }
  if (target.name.empty() || target.name == "." || target.name == ".." || target.name == "/") {
    return absl::InvalidArgumentError(
        Cat(path, ": the output path ends without a name (give the folder's or file's name)"));
  }
  if (target.name.size() > kMaxNameBytes) {
    return absl::InvalidArgumentError(Cat(Shown(path), ": the name is ", target.name.size(),
                                          " bytes long; a file system allows at most ",
                                          kMaxNameBytes));
  }
  return target;
}

absl::Status MakeFolders(const std::string& folder, std::string_view shown) {
  struct stat st;
  if (::stat(folder.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return absl::OkStatus();
    return absl::InvalidArgumentError(
        Cat(shown, ": ", folder, " is a file, not a folder (the output cannot go under it)"));
  }
  // The missing folders, from the deepest existing one down (an explicit list, no recursion).
  std::vector<std::string> missing;
  std::string current = folder;
  for (;;) {
    if (::stat(current.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) {
        return absl::InvalidArgumentError(
            Cat(shown, ": ", current, " is a file, not a folder (the output cannot go under it)"));
      }
      break;
    }
    if (errno != ENOENT) return ErrnoStatus(errno, current, "stat");
    missing.push_back(current);
    const std::size_t slash = current.find_last_of('/');
    if (slash == std::string::npos) {
      current.assign(1, '.');
    } else if (slash == 0) {
      current = "/";
    } else {
      current.resize(slash);
    }
    if (current == "." || current == "/") break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (absl::Status s = OutputStep("mkdir", *it); !s.ok()) return s;
    if (::mkdir(it->c_str(), 0777) != 0 && errno != EEXIST) {
      return ErrnoStatus(errno, *it, "making the folder");
    }
    const std::size_t slash = it->find_last_of('/');
    const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : it->substr(0, slash);
    absl::StatusOr<int> fd = OpenFolder(parent, parent);
    if (!fd.ok()) return fd.status();
    FdCloser close_parent(*fd);
    if (absl::Status s = SyncFd(*fd, parent); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<int> OpenFolder(const std::string& folder, std::string_view shown) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, shown, "opening the folder");
  return fd;
}

std::string TemporaryPrefix(std::string_view name) {
  std::size_t keep = std::min<std::size_t>(name.size(), 200);
  // Back off to a character's first byte (continuation bytes are 10xxxxxx).
  while (keep > 0 && keep < name.size() &&
         (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  return Cat(".", name.substr(0, keep), ".orgnet-");
}

std::string RandomSuffix() {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[6];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    // Without randomness the name is still unique per attempt: O_EXCL retries on a clash.
    static std::atomic<unsigned> counter{0};
    const unsigned value = counter.fetch_add(1) ^ static_cast<unsigned>(::getpid()) * 2654435761u;
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(value >> (i * 5));
  }
  std::string suffix(6, 'x');
  for (int i = 0; i < 6; ++i) suffix[i] = kLetters[bytes[i] % (sizeof kLetters - 1)];
  return suffix;
}

absl::StatusOr<Temporary> MakeTemporary(int folder_fd, std::string_view name, bool folder,
                                        std::string_view shown) {
  constexpr int kMaxAttempts = 100;
  const std::string prefix = TemporaryPrefix(name);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Temporary made{prefix + RandomSuffix(), -1};
    if (absl::Status s = OutputStep(folder ? "mkdir" : "create", shown); !s.ok()) return s;
    if (folder) {
      if (::mkdirat(folder_fd, made.name.c_str(), 0777) != 0) {
        if (errno == EEXIST) continue;
        return ErrnoStatus(errno, shown, "making its new folder");
      }
      made.fd = ::openat(folder_fd, made.name.c_str(),
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    } else {
      made.fd = ::openat(folder_fd, made.name.c_str(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (made.fd < 0 && errno == EEXIST) continue;
    }
    // Another writer's sweep may remove it before it is locked: then try another name.
    if (made.fd < 0 && errno == ENOENT) continue;
    if (made.fd < 0) return ErrnoStatus(errno, shown, folder ? "opening its new folder"
                                                             : "creating its temporary file");
    ::flock(made.fd, LOCK_EX);
    struct stat by_name, by_fd;
    const bool there = ::fstatat(folder_fd, made.name.c_str(), &by_name, AT_SYMLINK_NOFOLLOW) == 0 &&
                       ::fstat(made.fd, &by_fd) == 0 && by_name.st_dev == by_fd.st_dev &&
                       by_name.st_ino == by_fd.st_ino;
    if (there) return made;
    ::close(made.fd);
  }
  return absl::DataLossError(Cat(shown, ": no free temporary name in ", kMaxAttempts,
                                 " attempts"));
}

void RemoveStaleTemporaries(int folder_fd, std::string_view name) {
  absl::StatusOr<std::vector<std::string>> entries = ListFolder(folder_fd, "");
  if (!entries.ok()) return;
  const std::string prefix = TemporaryPrefix(name);
  for (const std::string& entry : *entries) {
    if (!IsTemporaryOf(entry, prefix)) continue;
    const int fd = ::openat(folder_fd, entry.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) continue;
    FdCloser close_fd(fd);
    // A living writer holds its lock: only the leftovers of killed writers are removed.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) continue;
    (void)RemoveTree(folder_fd, entry, entry);
  }
}

absl::Status RemoveTree(int folder_fd, const std::string& name, std::string_view shown) {
  struct stat st;
  if (::fstatat(folder_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return errno == ENOENT ? absl::OkStatus() : ErrnoStatus(errno, shown, "stat");
  }
  if (!S_ISDIR(st.st_mode)) {
    if (absl::Status s = OutputStep("unlink", shown); !s.ok()) return s;
    if (::unlinkat(folder_fd, name.c_str(), 0) != 0 && errno != ENOENT) {
      return ErrnoStatus(errno, shown, "removing");
    }
    return absl::OkStatus();
  }
  // Depth-first with an explicit stack: each frame is an open folder and its parent's fd.
  struct Frame {
    int parent;
    std::string name;
    DIR* dir;
  };
  std::vector<Frame> stack;
  auto open_frame = [&](int parent, const std::string& entry) -> absl::Status {
    const int fd = ::openat(parent, entry.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? absl::OkStatus() : ErrnoStatus(errno, shown, "opening");
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
      ::close(fd);
      return ErrnoStatus(errno, shown, "reading");
    }
    stack.push_back({parent, entry, dir});
    return absl::OkStatus();
  };
  if (absl::Status s = open_frame(folder_fd, name); !s.ok()) return s;
  absl::Status status;
  while (!stack.empty()) {
    Frame& top = stack.back();
    errno = 0;
    const dirent* entry = ::readdir(top.dir);
    if (entry != nullptr) {
      const std::string child = entry->d_name;
      if (child == "." || child == "..") continue;
      const int fd = ::dirfd(top.dir);
      if (::fstatat(fd, child.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      if (S_ISDIR(st.st_mode)) {
        status = open_frame(fd, child);
        if (!status.ok()) break;
      } else {
        status = OutputStep("unlink", shown);
        if (!status.ok()) break;
        if (::unlinkat(fd, child.c_str(), 0) != 0 && errno != ENOENT) {
          status = ErrnoStatus(errno, shown, "removing");
          break;
        }
      }
      continue;
    }
    const Frame done = top;
    stack.pop_back();
    ::closedir(done.dir);
    status = OutputStep("rmdir", shown);
    if (!status.ok()) break;
    if (::unlinkat(done.parent, done.name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
      status = ErrnoStatus(errno, shown, "removing the folder");
      break;
    }
  }
  for (Frame& frame : stack) ::closedir(frame.dir);
  return status;
}

absl::Status CarryEntry(int from_fd, int to_fd, const std::string& name, std::string_view shown) {
  struct Pending {
    int from;  // owned by `opened` below, or the caller's
    int to;
    std::string name;
    std::string shown;
  };
  std::vector<int> opened;
  struct CloseAll {
    std::vector<int>& fds;
    ~CloseAll() {
      for (int fd : fds) ::close(fd);
    }
  } close_all{opened};
  std::vector<Pending> pending{{from_fd, to_fd, name, std::string(shown)}};
  while (!pending.empty()) {
    const Pending item = std::move(pending.back());
    pending.pop_back();
    struct stat st;
    if (::fstatat(item.from, item.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;  // removed meanwhile: nothing to carry
      return ErrnoStatus(errno, item.shown, "stat");
    }
    if (S_ISREG(st.st_mode)) {
      if (absl::Status s = OutputStep("link", item.shown); !s.ok()) return s;
      if (::linkat(item.from, item.name.c_str(), item.to, item.name.c_str(), 0) == 0) continue;
      if (errno != EPERM && errno != EXDEV && errno != EMLINK && errno != ENOTSUP) {
        return ErrnoStatus(errno, item.shown, "linking into the new folder");
      }
      if (absl::Status s = CopyFile(item.from, item.to, item.name, st.st_mode, item.shown); !s.ok()) {
        return s;
      }
    } else if (S_ISLNK(st.st_mode)) {
      std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
      const ssize_t n = ::readlinkat(item.from, item.name.c_str(), target.data(), target.size());
      if (n < 0) return ErrnoStatus(errno, item.shown, "reading the link");
      target.resize(static_cast<std::size_t>(n));
      if (absl::Status s = OutputStep("symlink", item.shown); !s.ok()) return s;
      if (::symlinkat(target.c_str(), item.to, item.name.c_str()) != 0) {
        return ErrnoStatus(errno, item.shown, "re-making the link");
      }
    } else if (S_ISDIR(st.st_mode)) {
      if (absl::Status s = OutputStep("mkdir", item.shown); !s.ok()) return s;
      if (::mkdirat(item.to, item.name.c_str(), 0700) != 0) {
        return ErrnoStatus(errno, item.shown, "making the folder");
      }
      const int from = ::openat(item.from, item.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (from < 0) return ErrnoStatus(errno, item.shown, "opening");
      opened.push_back(from);
      const int to = ::openat(item.to, item.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (to < 0) return ErrnoStatus(errno, item.shown, "opening");
      opened.push_back(to);
      if (::fchmod(to, st.st_mode & 07777) != 0) return ErrnoStatus(errno, item.shown, "chmod");
      absl::StatusOr<std::vector<std::string>> children = ListFolder(from, item.shown);
      if (!children.ok()) return children.status();
      for (const std::string& child : *children) {
        pending.push_back({from, to, child, Cat(item.shown, "/", child)});
      }
      if (absl::Status s = SyncFd(to, item.shown); !s.ok()) return s;
    } else {
      return absl::FailedPreconditionError(
          Cat(item.shown, ": neither a file, a folder nor a link; orgnet cannot carry it into "
                          "the new folder (move it elsewhere first)"));
    }
  }
  return absl::OkStatus();
}

absl::Status SyncFd(int fd, std::string_view shown) {
  if (absl::Status s = OutputStep("fsync", shown); !s.ok()) return s;
  if (::fsync(fd) != 0) return ErrnoStatus(errno, shown, "fsync");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ListFolder(int folder_fd, std::string_view shown) {
  const int fd = ::openat(folder_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, shown, "opening the folder");
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return ErrnoStatus(errno, shown, "reading the folder");
  }
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

bool WriteAll(int fd, const void* data, std::size_t bytes) {
  const char* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::write(fd, p, bytes < (std::size_t{1} << 30) ? bytes : std::size_t{1} << 30);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    bytes -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace orgnet::internal
