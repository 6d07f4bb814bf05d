// Network::Load: maps each file, reads the files on a few threads, then builds.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "model/text.h"
#include "load/csv_reader.h"
#include "model/build.h"
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
class MappedFile {
 public:
  ~MappedFile() {
    if (data_ != nullptr && data_ != MAP_FAILED) munmap(data_, size_);
    if (fd_ >= 0) close(fd_);
  }
  // Returns "" on success, else the system's reason.
  std::string Open(const std::string& path) {
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return std::strerror(errno);
    struct stat st;
    if (fstat(fd_, &st) != 0) return std::strerror(errno);
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) return {};
    data_ = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (data_ == MAP_FAILED) return std::strerror(errno);
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

}  // namespace

absl::StatusOr<Network> Network::Load(std::string_view folder_view, const LoadOptions& options,
                                      LoadReport* report) {
  const std::string folder(folder_view);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    if (report != nullptr) *report = LoadReport{};
    return absl::NotFoundError(Cat(folder, ": no such dataset folder"));
  }
  RawDataset raw;
  raw.folder = folder;
  const std::string orgs_path = internal::DiagnosticPath(folder, "orgs.csv");
  if (!std::filesystem::exists(orgs_path, ec)) {
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
  // (file key, path, destination): the manifest has key -1.
  struct Job {
    int key;
    std::string path;
    RawTable* out;
  };
  std::vector<Job> jobs;
  const std::string manifest_path = internal::DiagnosticPath(folder, "manifest.csv");
  if (std::filesystem::exists(manifest_path, ec)) jobs.push_back({-1, manifest_path, &raw.manifest});
  for (int t = 0; t < kTableCount; ++t) {
    std::string path = internal::DiagnosticPath(folder, GetTableSpec(static_cast<Table>(t)).file);
    if (std::filesystem::exists(path, ec)) jobs.push_back({t, std::move(path), &raw.tables[t]});
  }
  // Biggest files first, so that the threads finish together.
  std::stable_sort(jobs.begin(), jobs.end(), [](const Job& x, const Job& y) {
    std::error_code e1, e2;
    return std::filesystem::file_size(x.path, e1) > std::filesystem::file_size(y.path, e2);
  });
  DiagnosticSink sink(options);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      ReadFile(jobs[i].path, jobs[i].key, *jobs[i].out, sink);
    }
  };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(jobs.size())));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
  return internal::BuildNetwork(std::move(raw), options, sink, report);
}

}  // namespace orgnet
