// Network::Load: maps each file, reads the files on a few threads, then builds.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>

#include "base/text.h"
#include "load/csv_reader.h"
#include "load/loader.h"
#include "base/progress_meter.h"
#include "build/build.h"
#include "base/parallel.h"
#include "orgnet/network.h"
#include "orgnet/output.h"

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
    static_cast<MappedFile*>(context)->ReleaseRange(0, consumed);
  }
  // Drops the pages wholly inside [from, to) from the process (read again from the page
  // cache if touched later).
  void ReleaseRange(std::size_t from, std::size_t to) {
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t begin = (from + page - 1) / page * page, end = to / page * page;
    if (end > begin) madvise(static_cast<char*>(data_) + begin, end - begin, MADV_DONTNEED);
  }

 private:
  int fd_ = -1;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

constexpr std::size_t kDefaultChunkBytes = std::size_t{32} << 20;
std::atomic<std::size_t> chunk_bytes{kDefaultChunkBytes};


// The streamed files of a load, each read in chunks on the load's threads (a chunk starts at
// the first line after its nominal offset; when that was inside a quoted field, the chunk is
// read again from where the one before ended) and handed to its table in file order.
class FileStreams final : public internal::TableStreams {
 public:
  FileStreams(const LoadOptions& options, internal::ProgressMeter* meter)
      : options_(options), chunk_bytes_(chunk_bytes.load()), meter_(meter) {}

  // @p file stays mapped until the load ends; its records begin at @p start.
  void Add(int table, std::string path, std::unique_ptr<MappedFile> file,
           internal::RecordsStart start, std::size_t columns) {
    auto f = std::make_unique<File>(options_.max_errors);
    f->table = table;
    f->path = std::move(path);
    f->records = file->view().substr(start.offset);
    f->records_offset = start.offset;
    f->line = start.line;
    f->columns = columns;
    f->chunks = std::max<std::size_t>(1, (f->records.size() + chunk_bytes_ - 1) / chunk_bytes_);
    f->results.resize(f->chunks);
    f->file = std::move(file);
    files_.push_back(std::move(f));
  }

  bool streamed(int table) const override { return internal::IsStreamedTable(table); }

  std::array<std::size_t, kTableCount> Read(
      const std::array<internal::ChunkTarget*, kTableCount>& targets,
      DiagnosticSink& syntax) override {
    // Largest files first, each file's chunks in order, so that the threads finish together
    // and a file's chunks are committed as they come.
    std::stable_sort(files_.begin(), files_.end(), [](const auto& x, const auto& y) {
      return x->records.size() > y->records.size();
    });
    std::vector<std::pair<File*, std::size_t>> jobs;
    for (auto& f : files_) {
      f->target = targets[f->table];
      for (std::size_t k = 0; k < f->chunks; ++k) jobs.emplace_back(f.get(), k);
    }
    const int threads = std::max(1, std::min(options_.threads, 8));
    window_ = static_cast<std::size_t>(threads) + 2;
    internal::RunParallel(jobs.size(), threads, [&](std::size_t i) {
      if (meter_->cancelled()) {  // the load returns CANCELLED: the waiting chunks stop too
        Abort();
        return;
      }
      try {
        ReadChunk(*jobs[i].first, jobs[i].second);
      } catch (...) {
        Abort();
        throw;
      }
      meter_->Add(jobs[i].first->records.size() / jobs[i].first->chunks);
      if (!meter_->Poll()) Abort();
    });
    std::array<std::size_t, kTableCount> rows{};
    for (auto& f : files_) {
      f->diagnostics.MoveTo(syntax, 0, std::numeric_limits<std::int64_t>::max());
      rows[f->table] = f->rows;
    }
    return rows;
  }

 private:
  struct Chunk {
    std::size_t begin = 0;
    internal::ChunkRead read;
    std::size_t rows = 0;
    DiagnosticSink diagnostics;
    std::unique_ptr<internal::TableChunk> typed;
    explicit Chunk(int max_errors) : diagnostics(max_errors) {}
  };
  struct File {
    explicit File(int max_errors) : max_errors(max_errors), diagnostics(max_errors) {}
    int table = 0;
    std::string path;
    std::unique_ptr<MappedFile> file;
    std::string_view records;
    std::size_t records_offset = 0;
    std::size_t columns = 0;
    std::size_t chunks = 1;
    internal::ChunkTarget* target = nullptr;
    const int max_errors;
    // Guarded by mutex: the chunks read and not yet committed, and what is committed.
    std::mutex mutex;
    std::condition_variable committed;
    std::vector<std::unique_ptr<Chunk>> results;
    std::size_t next = 0;          // the next chunk to commit
    std::size_t end = 0;           // where the committed chunks end in the records
    std::int64_t line = 1;         // the file's line at `end`
    std::size_t rows = 0;
    std::size_t expected_rows = 0;
    bool text_error = false;
    DiagnosticSink diagnostics;    // the file's syntax errors, in file order
  };

  void Abort() {
    aborted_.store(true);
    for (auto& f : files_) {
      std::lock_guard<std::mutex> lock(f->mutex);
      f->committed.notify_all();
    }
  }

  std::size_t NominalBegin(const File& f, std::size_t k) const {
    return std::min(f.records.size(), k * chunk_bytes_);
  }

  // Reads chunk @p k of @p f from @p begin (a record start, or so it is supposed).
  std::unique_ptr<Chunk> Parse(File& f, std::size_t k, std::size_t begin) {
    auto chunk = std::make_unique<Chunk>(f.max_errors);
    chunk->begin = begin;
    // The last chunk reads to the end; the others stop at the next one's nominal start.
    const std::size_t stop =
        std::max(begin, k + 1 == f.chunks ? f.records.size() : NominalBegin(f, k + 1));
    if (f.target != nullptr) {
      chunk->typed = f.target->NewChunk(std::max<std::size_t>(16, (stop - begin) / 48));
    }
    internal::TableChunk* typed = chunk->typed.get();
    std::size_t rows = 0;
    chunk->read = internal::ReadRecordChunk(
        f.records, begin, stop, f.columns, f.path, f.table, chunk->diagnostics,
        [&](absl::Span<const std::string_view> fields, std::uint32_t line) {
          if (typed != nullptr) typed->AddRecord(fields, line);
          if ((++rows & 4095) == 0) internal::ProgressMeter::PollCurrent();
        });
    chunk->rows = rows;
    f.file->ReleaseRange(f.records_offset + begin, f.records_offset + chunk->read.end);
    return chunk;
  }

  void ReadChunk(File& f, std::size_t k) {
    {
      std::unique_lock<std::mutex> lock(f.mutex);
      // The calling thread may wait here for other threads' chunks: it reports meanwhile.
      while (!f.committed.wait_for(lock, std::chrono::milliseconds(20), [&] {
        return k < f.next + window_ || aborted_.load();
      })) {
        lock.unlock();
        internal::ProgressMeter::PollCurrent();
        lock.lock();
      }
      if (aborted_.load()) return;
    }
    std::size_t begin = 0;
    if (k > 0) {
      const std::size_t at = f.records.find('\n', NominalBegin(f, k) - 1);
      begin = at == std::string_view::npos ? f.records.size() : at + 1;
    }
    std::unique_ptr<Chunk> chunk = Parse(f, k, begin);
    std::lock_guard<std::mutex> lock(f.mutex);
    f.results[k] = std::move(chunk);
    while (f.next < f.chunks && f.results[f.next] != nullptr) {
      Commit(f, f.next);
      ++f.next;
    }
    f.committed.notify_all();
  }

  // Appends chunk @p k (the next in order) to its file's table; f.mutex is held.
  void Commit(File& f, std::size_t k) {
    if (f.results[k]->begin != f.end) f.results[k] = Parse(f, k, f.end);
    Chunk& chunk = *f.results[k];
    const std::int64_t shift = f.line - 1;
    if (!f.text_error) {
      if (chunk.read.text_error) {
        // As when a whole file is checked before it is read: its first bad text only.
        f.diagnostics.Clear();
        f.text_error = true;
        chunk.diagnostics.MoveTo(f.diagnostics, shift, 1);
      } else {
        chunk.diagnostics.MoveTo(f.diagnostics, shift,
                                 f.max_errors - f.diagnostics.error_count());
      }
    }
    if (chunk.typed != nullptr) {
      if (f.expected_rows == 0) {
        const std::size_t read = chunk.read.end - chunk.begin;
        f.expected_rows = read == 0 ? 16
                                    : static_cast<std::size_t>(
                                          static_cast<double>(f.records.size()) / read *
                                          chunk.rows * 1.02) + 16;
      }
      f.target->Commit(std::move(chunk.typed), shift, f.expected_rows);
    }
    f.rows += chunk.rows;
    f.end = chunk.read.end;
    f.line = shift + chunk.read.end_line;
    f.results[k].reset();
  }

  const LoadOptions& options_;
  const std::size_t chunk_bytes_;
  internal::ProgressMeter* meter_;
  std::size_t window_ = 4;
  std::atomic<bool> aborted_{false};
  std::vector<std::unique_ptr<File>> files_;
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

// Reads a whole file into @p out; or, with @p streams and a streamed table, only its header,
// the records being left to @p streams.
void ReadFile(const std::string& path, int file_key, RawTable& out, DiagnosticSink& sink,
              FileStreams* streams, std::mutex* streams_mutex) {
  auto file = std::make_unique<MappedFile>();
  if (std::string reason = file->Open(path); !reason.empty()) {
    Diagnostic d;
    d.file = path;
    d.message = Cat("cannot read: ", reason);
    sink.Error({file_key, -2, -1, -1}, std::move(d));
    return;
  }
  if (file_key >= 0 && internal::IsStreamedTable(file_key)) {
    const std::optional<internal::RecordsStart> start =
        internal::ReadCsvHeader(file->view(), path, file_key, out, sink);
    if (!start) return;
    std::lock_guard<std::mutex> lock(*streams_mutex);
    streams->Add(file_key, path, std::move(file), *start, out.header.size());
    return;
  }
  internal::ReadCsv(file->view(), path, file_key, out, sink, &MappedFile::Release, file.get());
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
  // A folder that orgnet was still writing when it was stopped (orgnet/output.h): whatever
  // it holds is not a whole dataset.
  if (const std::string marker = internal::DiagnosticPath(folder, kIncompleteMarker);
      Probe(marker).kind != PathKind::kMissing) {
    return folder_error(absl::FailedPreconditionError(Cat(
        folder, ": a write of this folder did not finish (it holds ", kIncompleteMarker,
        "); it is not a whole dataset: load the folder it was to replace")));
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
  // Progress in bytes of the files, and one unit for building the network from them.
  std::uintmax_t bytes = 0;
  for (const Job& job : jobs) bytes += job.size;
  internal::ProgressMeter meter("load", bytes + 1);
  FileStreams streams(options, &meter);
  std::mutex streams_mutex;
  // The reading and the build run beside this thread when a handler is installed, so that
  // it reports every interval whatever pass is running.
  absl::StatusOr<Network> built = absl::CancelledError("not built");
  meter.RunReporting([&] {
    internal::RunParallel(jobs.size(), options.threads, [&](std::size_t i) {
      if (meter.cancelled()) return;
      ReadFile(jobs[i].path, jobs[i].key, *jobs[i].out, sink, &streams, &streams_mutex);
      if (!internal::IsStreamedTable(jobs[i].key)) meter.Add(jobs[i].size);
      meter.Poll();
    });
    if (meter.cancelled()) return;
    built = internal::BuildNetwork(std::move(raw), options, sink, report, &streams);
  });
  // Stopped while the chunks were read: whatever the build made of part of them is dropped.
  if (meter.cancelled() || (built.ok() && !meter.Finish().ok())) {
    if (report != nullptr) *report = LoadReport{};
    return meter.Cancelled();
  }
  return built;
}

}  // namespace

namespace internal {

bool IsStreamedTable(int table) {
  for (int t = 0; t < kTableCount; ++t) {
    for (const ColumnSpec& c : GetTableSpec(static_cast<Table>(t)).columns) {
      if (c.type == ColumnType::kRef && static_cast<int>(c.target) == table) return false;
    }
  }
  return true;
}

std::size_t SetStreamChunkBytesForTesting(std::size_t bytes) {
  return chunk_bytes.exchange(bytes == 0 ? kDefaultChunkBytes : bytes);
}

}  // namespace internal

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
