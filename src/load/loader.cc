// Network::Load: maps each file, reads the files on a few threads, then builds.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

#include "model/text.h"
#include "load/csv_reader.h"
#include "model/build.h"
#include "model/parallel.h"
#include "orgnet/network.h"

using orgnet::internal::Cat;
using orgnet::internal::CatTo;

namespace orgnet {
namespace {

using internal::DiagnosticSink;
using internal::RawDataset;
using internal::RawTable;

// A read-only mapping of a whole file; pages already read are dropped as the reader goes, so
// a file larger than memory costs little resident memory.
std::string NotRegular(mode_t mode) {
  if (S_ISFIFO(mode)) return "not a regular file (a FIFO)";
  if (S_ISSOCK(mode)) return "not a regular file (a socket)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "not a regular file (a device)";
  if (S_ISDIR(mode)) return "a folder, not a file";
  return "not a regular file";
}

class MappedFile {
 public:
  ~MappedFile() {
    if (data_ != nullptr && data_ != MAP_FAILED) munmap(data_, size_);
    if (fd_ >= 0) close(fd_);
  }
  // Returns "" on success, else the reason. Non-blocking, so that a FIFO or device put in
  // a file's place between the check (Probe) and here cannot block the load.
  std::string Open(const std::string& path) {
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0) return std::strerror(errno);
    struct stat st;
    if (fstat(fd_, &st) != 0) return std::strerror(errno);
    if (!S_ISREG(st.st_mode)) return NotRegular(st.st_mode);
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) return {};
    data_ = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (data_ == MAP_FAILED) {
      data_ = nullptr;
      // No address space left is an allocation failure, not a bad file.
      if (errno == ENOMEM) throw std::bad_alloc();
      return std::strerror(errno);
    }
    madvise(data_, size_, MADV_SEQUENTIAL);
    return {};
  }
  std::string_view view() const {
    return size_ == 0 ? std::string_view() : std::string_view(static_cast<char*>(data_), size_);
  }
  static void Release(void* context, std::size_t consumed) {
    auto* self = static_cast<MappedFile*>(context);
    const long page = sysconf(_SC_PAGESIZE);
    const std::size_t aligned = consumed / page * page;
    if (aligned > 0) madvise(self->data_, aligned, MADV_DONTNEED);
  }

 private:
  int fd_ = -1;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// What a path is, looked at before anything opens it (stat, not open: opening a FIFO blocks).
enum class PathKind { kMissing, kRegular, kDirectory, kOther, kError };
struct Probed {
  PathKind kind;
  std::string reason;  // kOther, kError: why it cannot be read
  std::uintmax_t size = 0;
};

Probed Probe(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    const int error = errno;
    struct stat link;
    if (error == ENOENT && lstat(path.c_str(), &link) == 0) {
      return {PathKind::kError, "broken symbolic link (its target does not exist)"};
    }
    if (error == ENOENT || error == ENOTDIR) return {PathKind::kMissing, {}};
    return {PathKind::kError, std::strerror(error)};
  }
  if (S_ISREG(st.st_mode)) return {PathKind::kRegular, {}, static_cast<std::uintmax_t>(st.st_size)};
  if (S_ISDIR(st.st_mode)) return {PathKind::kDirectory, "a folder, not a file"};
  return {PathKind::kOther, NotRegular(st.st_mode)};
}

void ReadFile(const std::string& path, int file_key, RawTable& out, DiagnosticSink& sink) {
  MappedFile file;
  if (std::string reason = file.Open(path); !reason.empty()) {
    Diagnostic d;
    d.file = path;
    d.message = Cat("cannot read: ", reason);
    sink.Error({file_key, -2, -1, -1}, std::move(d));
    return;
  }
  internal::ReadCsv(file.view(), path, file_key, out, sink, &MappedFile::Release, &file);
}

absl::StatusOr<Network> LoadFolder(std::string_view folder_view, const LoadOptions& options,
                                   LoadReport* report) {
  if (const std::size_t nul = folder_view.find('\0'); nul != std::string_view::npos) {
    if (report != nullptr) *report = LoadReport{};
    return absl::InvalidArgumentError(
        Cat("folder: the path holds a NUL byte at byte ", nul, " (a path cannot)"));
  }
  const std::string folder(folder_view);
  auto folder_error = [&](absl::Status status) {
    if (report != nullptr) *report = LoadReport{};
    return status;
  };
  const Probed probed_folder = Probe(folder.empty() ? std::string(".") : folder);
  if (probed_folder.kind == PathKind::kMissing) {
    return folder_error(absl::NotFoundError(Cat(folder, ": no such dataset folder")));
  }
  if (probed_folder.kind != PathKind::kDirectory) {
    return folder_error(absl::InvalidArgumentError(Cat(
        folder, ": cannot read the dataset folder: ",
        probed_folder.kind == PathKind::kError ? probed_folder.reason : "not a folder")));
  }
  RawDataset raw;
  raw.folder = folder;
  // (file key, path, destination): the manifest has key -1.
  struct Job {
    int key;
    std::string path;
    RawTable* out;
    std::uintmax_t size;
  };
  std::vector<Job> jobs;
  DiagnosticSink sink(options);
  // Every file is looked at before any is opened: a missing optional file is absent; anything
  // else in its place that is not a readable regular file is an error naming it.
  auto add_job = [&](int key, std::string path, RawTable* out) {
    const Probed p = Probe(path);
    if (p.kind == PathKind::kMissing) return;
    if (p.kind != PathKind::kRegular) {
      Diagnostic d;
      d.file = path;
      d.message = Cat("cannot read: ", p.reason);
      sink.Error({key, -2, -1, -1}, std::move(d));
      return;
    }
    jobs.push_back({key, std::move(path), out, p.size});
  };
  const std::string orgs_path = internal::DiagnosticPath(folder, "orgs.csv");
  if (Probe(orgs_path).kind == PathKind::kMissing) {
    if (report != nullptr) {
      *report = LoadReport{};
      Diagnostic d;
      d.file = orgs_path;
      d.message = "required file is missing";
      report->errors.push_back(d);
      report->error_count = 1;
    }
    return absl::NotFoundError(Cat(orgs_path, ": required file is missing"));
  }
  add_job(-1, internal::DiagnosticPath(folder, "manifest.csv"), &raw.manifest);
  for (int t = 0; t < kTableCount; ++t) {
    add_job(t, internal::DiagnosticPath(folder, GetTableSpec(static_cast<Table>(t)).file),
            &raw.tables[t]);
  }
  // Biggest files first, so that the threads finish together.
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const Job& x, const Job& y) { return x.size > y.size; });
  internal::RunParallel(jobs.size(), options.threads, [&](std::size_t i) {
    ReadFile(jobs[i].path, jobs[i].key, *jobs[i].out, sink);
  });
  return internal::BuildNetwork(std::move(raw), options, sink, report);
}

}  // namespace

absl::StatusOr<Network> Network::Load(std::string_view folder, const LoadOptions& options,
                                      LoadReport* report) {
  try {
    internal::PrepareEmptyNetwork();
    return LoadFolder(folder, options, report);
  } catch (const std::bad_alloc&) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError(Cat(folder, ": out of memory while loading"));
  } catch (const std::length_error& e) {
    if (report != nullptr) *report = LoadReport{};
    return absl::ResourceExhaustedError(Cat(folder, ": too large to load (", e.what(), ")"));
  }
}

}  // namespace orgnet
