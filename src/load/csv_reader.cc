#include "load/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>

#include "base/text.h"
#include "base/utf8.h"

namespace orgnet::internal {
namespace {

class Reader {
 public:
  Reader(std::string_view data, const std::string& path, int file_key, DiagnosticSink& sink,
         std::int64_t first_line = 1)
      : data_(data), path_(path), file_key_(file_key), sink_(sink), line_(first_line) {
    special_.fill(false);
    special_[static_cast<unsigned char>(',')] = true;
    special_[static_cast<unsigned char>('"')] = true;
    special_[static_cast<unsigned char>('\n')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
  }

  bool Failed() const { return errors_ > 0; }

  void Error(std::int64_t line, std::int64_t byte, std::string message) {
    Diagnostic d;
    d.file = path_;
    d.line = line;
    d.byte = byte;
    d.message = std::move(message);
    sink_.Error({file_key_, line - 2, -1, byte}, std::move(d));
    ++errors_;
  }

  // Reads one record into fields_ (views, or unquoted copies in scratch_). Returns false at the
  // end of the data. Sets *empty_line for a line with nothing on it.
  bool NextRecord(bool* empty_line) {
    fields_.clear();
    scratch_used_ = 0;
    record_line_ = line_;
    if (pos_ >= data_.size()) return false;
    *empty_line = data_[pos_] == '\n' || (data_[pos_] == '\r' && pos_ + 1 < data_.size() &&
                                          data_[pos_ + 1] == '\n');
    if (*empty_line) {
      pos_ += data_[pos_] == '\r' ? 2 : 1;
      NewLine();
      return true;
    }
    while (true) {
      if (pos_ < data_.size() && data_[pos_] == '"') {
        if (!QuotedField()) return true;
      } else {
        const std::size_t start = pos_;
        while (pos_ < data_.size() && !special_[static_cast<unsigned char>(data_[pos_])]) ++pos_;
        if (pos_ < data_.size() && data_[pos_] == '"') {
          Error(line_, static_cast<std::int64_t>(pos_ - line_start_),
                "quote inside an unquoted field (quote the whole field and double the quote)");
          SkipToLineEnd();
          return true;
        }
        fields_.push_back(data_.substr(start, pos_ - start));
      }
      // After a field: a comma, a line end, or the end of the data.
      if (pos_ >= data_.size()) return true;
      const char c = data_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == '\n') {
        ++pos_;
        NewLine();
        return true;
      }
      if (c == '\r') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') {
          pos_ += 2;
          NewLine();
          return true;
        }
        Error(line_, static_cast<std::int64_t>(pos_ - line_start_),
              "carriage return without a line feed");
        SkipToLineEnd();
        return true;
      }
      Error(line_, static_cast<std::int64_t>(pos_ - line_start_),
            "unexpected character after a closing quote (expected a comma or a line end)");
      SkipToLineEnd();
      return true;
    }
  }

  const std::vector<std::string_view>& fields() const { return fields_; }
  std::int64_t record_line() const { return record_line_; }
  // The line pos() is on.
  std::int64_t line() const { return line_; }
  std::size_t pos() const { return pos_; }
  // True once after a record was skipped for a syntax error.
  bool TakeSkipped() {
    const bool s = skipped_;
    skipped_ = false;
    return s;
  }
  int errors() const { return errors_; }

 private:
  void NewLine() {
    ++line_;
    line_start_ = pos_;
  }
  void SkipToLineEnd() {
    fields_.clear();
    while (pos_ < data_.size() && data_[pos_] != '\n') ++pos_;
    if (pos_ < data_.size()) {
      ++pos_;
      NewLine();
    }
    skipped_ = true;
  }
  // Reads a quoted field at pos_ (on the opening quote). False after a syntax error. A field
  // without doubled quotes is a view into the data; one with them is unescaped into scratch.
  bool QuotedField() {
    const std::int64_t open_line = line_;
    const std::size_t open_byte = pos_ - line_start_;
    ++pos_;
    const std::size_t content = pos_;
    std::string* buffer = nullptr;
    while (true) {
      const std::size_t quote = data_.find('"', pos_);
      const std::size_t end = quote == std::string_view::npos ? data_.size() : quote;
      for (std::size_t i = pos_; i < end; ++i) {
        if (data_[i] == '\n') {
          ++line_;
          line_start_ = i + 1;
        }
      }
      if (quote == std::string_view::npos) {
        pos_ = data_.size();
        Error(open_line, static_cast<std::int64_t>(open_byte),
              "unterminated quoted field: the file ends before its closing quote");
        fields_.clear();
        return false;
      }
      if (quote + 1 < data_.size() && data_[quote + 1] == '"') {
        if (buffer == nullptr) {
          buffer = &Scratch();
          buffer->assign(data_.data() + content, quote - content);
        } else {
          buffer->append(data_.data() + pos_, quote - pos_);
        }
        buffer->push_back('"');
        pos_ = quote + 2;
        continue;
      }
      if (buffer == nullptr) {
        fields_.push_back(data_.substr(content, quote - content));
      } else {
        buffer->append(data_.data() + pos_, quote - pos_);
        fields_.push_back(*buffer);
      }
      pos_ = quote + 1;
      return true;
    }
  }
  std::string& Scratch() {
    if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
    std::string& s = scratch_[scratch_used_++];
    s.clear();
    return s;
  }

  std::string_view data_;
  const std::string& path_;
  const int file_key_;
  DiagnosticSink& sink_;
  std::array<bool, 256> special_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::int64_t line_;
  std::int64_t record_line_ = 1;
  std::vector<std::string_view> fields_;
  // Unescaped cells of the current record. A deque never moves its elements, so the views in
  // fields_ stay valid while later cells of the same record are added (a vector would move
  // short strings and leave the earlier views dangling).
  std::deque<std::string> scratch_;
  std::size_t scratch_used_ = 0;
  int errors_ = 0;
  bool skipped_ = false;
};

}  // namespace

namespace {

// Reports the first byte of `text` that is not valid text (see model/utf8.h); `text` starts a
// line, numbered first_line, at byte first_line_offset of that line; `numbered_in_file` is false
// for a chunk numbered from its own first line (which never starts the file: the header is
// before it). False when there is one.
bool CheckText(std::string_view text, std::int64_t first_line, std::size_t first_line_offset,
               Reader& reader, bool numbered_in_file = true) {
  const std::size_t valid = internal::ValidTextPrefix(text);
  if (valid == text.size()) return true;
  const std::string_view before = text.substr(0, valid);
  const std::int64_t line = first_line + std::count(before.begin(), before.end(), '\n');
  const std::size_t line_start = before.rfind('\n');
  const std::size_t byte =
      line_start == std::string_view::npos ? valid + first_line_offset : valid - line_start - 1;
  reader.Error(line, static_cast<std::int64_t>(byte),
               internal::InvalidTextReason(text, valid,
                                           numbered_in_file && line == 1 && byte == 0));
  return false;
}

// Records a table of `columns` columns can hold: one per non-blank line at most, and (each
// record having columns - 1 commas and a line end) at most size / columns. The bound keeps the
// memory reserved in proportion to the data, whatever the header's width or blank lines.
std::size_t EstimatedRows(std::string_view body, std::size_t columns) {
  std::size_t lines = 0;
  const char* s = body.data();
  const std::size_t n = body.size();
  for (std::size_t i = 0; i + 1 < n; ++i) lines += (s[i] == '\n') & (s[i + 1] != '\n');
  return std::min(lines + 1, n / (columns == 0 ? 1 : columns) + 1);
}

// Reads records from `reader` while they start before `stop` (in the reader's data), until
// max_errors errors: each well-formed record of `columns` fields goes to on_record, which
// returns false to stop; after the first syntax error, records are only checked.
template <typename OnRecord>
void ReadEachRecord(Reader& reader, std::size_t columns, std::size_t stop, int max_errors,
                    OnRecord on_record) {
  bool empty_line = false;
  while (reader.errors() < max_errors && reader.pos() < stop && reader.NextRecord(&empty_line)) {
    if (empty_line) continue;
    if (reader.TakeSkipped()) continue;
    const auto& fields = reader.fields();
    if (fields.empty()) continue;  // an unterminated quote: already reported
    if (fields.size() != columns) {
      reader.Error(reader.record_line(), -1,
                   Cat("record has ", fields.size(), " field", fields.size() == 1 ? "" : "s",
                       "; the header has ", columns));
      continue;
    }
    if (reader.errors() > 0) continue;  // the table is unusable: only look for more errors
    if (!on_record(fields)) return;
  }
}

// Reads the records of `body` (starting at a line start, numbered first_line) into `out`,
// whose cells already have one column per header name.
void ReadRecords(std::string_view body, std::int64_t first_line, const std::string& path,
                 int file_key, RawTable& out, DiagnosticSink& sink,
                 void (*release)(void*, std::size_t), void* release_context,
                 std::size_t release_base) {
  Reader reader(body, path, file_key, sink, first_line);
  if (!CheckText(body, first_line, 0, reader)) return;
  const std::size_t columns = out.cells.size();
  const std::size_t estimated_rows = EstimatedRows(body, columns);
  // Reserved pages are made resident (large_memory populates them), so the reserve follows
  // the data; shrink_to_fit returns what is left over.
  for (StringColumn& column : out.cells) column.reserve(estimated_rows, body.size() / columns + 64);
  constexpr std::size_t kReleaseEvery = std::size_t{64} << 20;
  std::size_t released = 0;
  ReadEachRecord(reader, columns, body.size(), sink.max_errors(), [&](const auto& fields) {
    try {
      for (std::size_t c = 0; c < columns; ++c) out.cells[c].push_back(fields[c]);
    } catch (const std::length_error&) {
      reader.Error(reader.record_line(), -1, "a column holds more than 4 GiB of text");
      return false;
    }
    out.lines.push_back(static_cast<std::uint32_t>(reader.record_line()));
    if (release != nullptr && reader.pos() - released >= kReleaseEvery) {
      released = reader.pos();
      release(release_context, release_base + released);
    }
    return true;
  });
  for (StringColumn& column : out.cells) column.shrink_to_fit();
}

}  // namespace

std::optional<RecordsStart> ReadCsvHeader(std::string_view data, const std::string& path,
                                          int file_key, RawTable& out, DiagnosticSink& sink) {
  out.present = true;
  out.text_checked = true;
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  std::size_t offset = 0;
  if (data.substr(0, 3) == kBom) offset = 3;
  const std::string_view body = data.substr(offset);
  // The header: the first non-empty record, checked as text (with the blank lines before it
  // and every physical line it spans) before its names are taken.
  Reader reader(body, path, file_key, sink);
  bool empty_line = false, have_header = false;
  while (reader.NextRecord(&empty_line)) {
    if (empty_line || reader.TakeSkipped()) {
      if (reader.errors() > 0) break;
      continue;
    }
    have_header = true;
    break;
  }
  const std::size_t start = reader.pos();
  if (!CheckText(body.substr(0, start), 1, offset, reader)) return std::nullopt;
  if (reader.errors() > 0) return std::nullopt;
  if (!have_header) {
    reader.Error(1, 0, "empty file: expected a header line");
    return std::nullopt;
  }
  const std::int64_t header_line = reader.record_line();
  if (!reader.fields().empty() && reader.fields()[0].substr(0, 3) == kBom) {
    reader.Error(header_line, 0,
                 offset > 0 && header_line == 1
                     ? "doubled byte-order mark (U+FEFF): the file starts with two; keep one"
                     : "byte-order mark (U+FEFF) after blank lines: a BOM belongs at the very "
                       "start of the file, before the header");
    return std::nullopt;
  }
  for (std::string_view name : reader.fields()) out.header.emplace_back(name);
  out.header_line = static_cast<std::uint32_t>(header_line);
  out.cells.resize(out.header.size());
  const std::int64_t records_line =
      1 + std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(start), '\n');
  return RecordsStart{offset + start, records_line};
}

void ReadCsv(std::string_view data, const std::string& path, int file_key, RawTable& out,
             DiagnosticSink& sink, void (*release)(void*, std::size_t),
             void* release_context) {
  const std::optional<RecordsStart> start = ReadCsvHeader(data, path, file_key, out, sink);
  if (!start) return;
  ReadRecords(data.substr(start->offset), start->line, path, file_key, out, sink, release,
              release_context, start->offset);
}

ChunkRead ReadRecordChunk(std::string_view records, std::size_t begin, std::size_t stop,
                          std::size_t columns, const std::string& path, int file_key,
                          DiagnosticSink& sink,
                          absl::FunctionRef<void(absl::Span<const std::string_view>,
                                                 std::uint32_t)> on_record) {
  Reader reader(records.substr(begin), path, file_key, sink, 1);
  const std::size_t local_stop = stop - begin;
  ChunkRead result;
  ReadEachRecord(reader, columns, local_stop, sink.max_errors(), [&](const auto& fields) {
    on_record(fields, static_cast<std::uint32_t>(reader.record_line()));
    return true;
  });
  result.end = begin + reader.pos();
  result.end_line = reader.line();
  // Text is checked over what was read (to the file's end when the errors stopped the reading,
  // as a whole file is checked before it is read); when it is not valid, that is the only error.
  const std::size_t text_end = reader.errors() >= sink.max_errors() ? records.size() : result.end;
  DiagnosticSink text_sink(sink.max_errors());
  Reader text_reader(records.substr(begin), path, file_key, text_sink, 1);
  if (!CheckText(records.substr(begin, text_end - begin), 1, 0, text_reader, false)) {
    sink.Clear();
    text_sink.MoveTo(sink, 0, 1);
    result.text_error = true;
  }
  return result;
}

}  // namespace orgnet::internal
