// The file-system operations under OutputFile and OutputFolder: errors named by path and
// cause, folders made and synced, temporary names, stale temporaries removed, trees removed
// and carried without following symbolic links and without recursion.
#ifndef ORGNET_SRC_OUTPUT_POSIX_FILES_H_
#define ORGNET_SRC_OUTPUT_POSIX_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace orgnet::internal {

// The longest file name (NAME_MAX on Linux).
inline constexpr std::size_t kMaxNameBytes = 255;

// `path: doing failed (strerror)` with the code that fits `error`.
absl::Status ErrnoStatus(int error, std::string_view path, std::string_view doing);

// A target split into its folder ("." for a bare name) and its last name; trailing slashes
// are dropped. Errors: an empty path, no last name ("/", "..", "."), a name over 255 bytes.
struct TargetPath {
  std::string folder;
  std::string name;
  std::string shown;  // the path as the caller gave it, for messages
};
absl::StatusOr<TargetPath> SplitTarget(std::string_view path);

// Makes `folder` and every missing folder above it (each made folder's parent synced).
absl::Status MakeFolders(const std::string& folder, std::string_view shown);
// Opens a folder for *at() calls and syncing.
absl::StatusOr<int> OpenFolder(const std::string& folder, std::string_view shown);

// The prefix of every temporary name made for `name`: ".NAME.orgnet-", NAME cut to a whole
// UTF-8 character within 200 bytes so that the temporary name stays within 255.
std::string TemporaryPrefix(std::string_view name);
// Six random letters and digits.
std::string RandomSuffix();

// A temporary made for a target: its name in the folder and its descriptor, which holds an
// exclusive flock until it is closed (so that a sweep of stale temporaries passes it by).
struct Temporary {
  std::string name;
  int fd = -1;
};
// Makes a new temporary for the target `name` in `folder_fd`: a file open for writing
// (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0666 less the umask) or, with `folder`, a folder (0777 less
// the umask) open for *at() calls; a random name, tried again on a clash or when another
// writer's sweep removed it before it was locked. `shown` names the target in messages.
absl::StatusOr<Temporary> MakeTemporary(int folder_fd, std::string_view name, bool folder,
                                        std::string_view shown);

// Removes the temporaries of `name` in `folder_fd` that no living writer holds (each writer
// holds an exclusive flock on its temporary until it ends).
void RemoveStaleTemporaries(int folder_fd, std::string_view name);

// Removes the entry `name` of `folder_fd` and, for a folder, everything in it; symbolic links
// are removed, never followed. A missing entry is no error.
absl::Status RemoveTree(int folder_fd, const std::string& name, std::string_view shown);

// Puts a copy of the entry `name` of `from_fd` into `to_fd` under the same name: files as
// hard links (copied where the file system refuses), folders made anew with their mode and
// filled the same way, symbolic links re-made. Other kinds (sockets, devices) are an error.
absl::Status CarryEntry(int from_fd, int to_fd, const std::string& name, std::string_view shown);

// fsync with a step and a message.
absl::Status SyncFd(int fd, std::string_view shown);

// The names in a folder (without "." and ".."), sorted.
absl::StatusOr<std::vector<std::string>> ListFolder(int folder_fd, std::string_view shown);

// Writes all of `bytes` at the file's position (EINTR retried).
bool WriteAll(int fd, const void* data, std::size_t bytes);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_OUTPUT_POSIX_FILES_H_
