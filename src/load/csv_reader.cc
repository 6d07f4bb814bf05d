#include "load/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "model/text.h"

namespace orgnet::internal {
namespace {

// Length of the valid UTF-8 prefix of data (the whole size when all of it is valid).
std::size_t ValidUtf8Prefix(std::string_view data) {
  const auto* s = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return n;
}

std::string HexByte(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {kDigits[byte >> 4], kDigits[byte & 15]};
}

class Reader {
 public:
  Reader(std::string_view data, const std::string& path, int file_key, RawTable& out,
         DiagnosticSink& sink)
      : data_(data), path_(path), file_key_(file_key), out_(out), sink_(sink) {
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
  std::size_t pos() const { return pos_; }
  void set_pos(std::size_t pos) { pos_ = pos; }

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
  // Reads a quoted field at pos_ (on the opening quote). False after a syntax error.
  bool QuotedField() {
    const std::int64_t open_line = line_;
    const std::size_t open_byte = pos_ - line_start_;
    ++pos_;
    std::string& buffer = Scratch();
    while (true) {
      const std::size_t quote = data_.find('"', pos_);
      const std::size_t end = quote == std::string_view::npos ? data_.size() : quote;
      for (std::size_t i = pos_; i < end; ++i) {
        if (data_[i] == '\n') {
          ++line_;
          line_start_ = i + 1;
        }
      }
      buffer.append(data_.data() + pos_, end - pos_);
      if (quote == std::string_view::npos) {
        pos_ = data_.size();
        Error(open_line, static_cast<std::int64_t>(open_byte),
              "unterminated quoted field: the file ends before its closing quote");
        fields_.clear();
        return false;
      }
      if (quote + 1 < data_.size() && data_[quote + 1] == '"') {
        buffer.push_back('"');
        pos_ = quote + 2;
        continue;
      }
      pos_ = quote + 1;
      fields_.push_back(buffer);
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
  RawTable& out_;
  DiagnosticSink& sink_;
  std::array<bool, 256> special_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::int64_t line_ = 1;
  std::int64_t record_line_ = 1;
  std::vector<std::string_view> fields_;
  std::vector<std::string> scratch_;  // stable buffers: a view into each stays valid per record
  std::size_t scratch_used_ = 0;
  int errors_ = 0;
  bool skipped_ = false;

 public:
  bool TakeSkipped() {
    const bool s = skipped_;
    skipped_ = false;
    return s;
  }
  int errors() const { return errors_; }
};

}  // namespace

void ReadCsv(std::string_view data, const std::string& path, int file_key, RawTable& out,
             DiagnosticSink& sink, void (*release)(void*, std::size_t), void* release_context) {
  out.present = true;
  std::size_t offset = 0;
  if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") offset = 3;
  const std::string_view body = data.substr(offset);
  Reader reader(body, path, file_key, out, sink);
  if (const std::size_t valid = ValidUtf8Prefix(body); valid != body.size()) {
    const std::string_view before = body.substr(0, valid);
    const std::int64_t line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t line_start = before.rfind('\n');
    const std::size_t byte =
        (line_start == std::string_view::npos ? valid + offset : valid - line_start - 1);
    reader.Error(line, static_cast<std::int64_t>(byte),
                 Cat("invalid UTF-8 (byte 0x", HexByte(static_cast<unsigned char>(body[valid])),
                     ")"));
    return;
  }
  bool empty_line = false;
  // The header: the first non-empty record.
  bool have_header = false;
  while (reader.NextRecord(&empty_line)) {
    if (empty_line || reader.TakeSkipped()) {
      if (reader.errors() > 0) return;
      continue;
    }
    for (std::string_view name : reader.fields()) out.header.emplace_back(name);
    have_header = true;
    break;
  }
  if (reader.errors() > 0) return;
  if (!have_header) {
    reader.Error(1, 0, "empty file: expected a header line");
    return;
  }
  const std::size_t columns = out.header.size();
  const std::size_t estimated_rows = std::count(body.begin(), body.end(), '\n');
  out.cells.resize(columns);
  for (StringColumn& column : out.cells) column.reserve(estimated_rows, 0);
  out.lines.reserve(estimated_rows);
  constexpr std::size_t kReleaseEvery = std::size_t{64} << 20;
  std::size_t released = 0;
  while (reader.errors() < sink.max_errors() && reader.NextRecord(&empty_line)) {
    if (empty_line) continue;
    if (reader.TakeSkipped()) continue;
    const auto& fields = reader.fields();
    if (fields.empty()) continue;  // an unterminated quote: already reported
    if (fields.size() != columns) {
      reader.Error(reader.record_line(), -1,
                   Cat("record has ", fields.size(), " field",
                                fields.size() == 1 ? "" : "s", "; the header has ", columns));
      continue;
    }
    if (reader.errors() > 0) continue;  // the table is unusable: only look for more errors
    for (std::size_t c = 0; c < columns; ++c) out.cells[c].push_back(fields[c]);
    out.lines.push_back(static_cast<std::uint32_t>(reader.record_line()));
    if (release != nullptr && reader.pos() - released >= kReleaseEvery) {
      released = reader.pos();
      release(release_context, released + offset);
    }
  }
  for (StringColumn& column : out.cells) column.shrink_to_fit();
}

}  // namespace orgnet::internal
