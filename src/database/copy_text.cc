#include "database/copy_text.h"

#include <algorithm>
#include <utility>

#include "base/text.h"

namespace orgnet::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

CopyTextReader::CopyTextReader(int fields, TupleFn on_tuple)
    : expected_fields_(fields), on_tuple_(std::move(on_tuple)) {}

void CopyTextReader::Fail(std::string_view what) {
  error_ = absl::DataLossError(Cat("text COPY stream, row ", line_ + 1, ": ", what));
}

bool CopyTextReader::DecodeLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a CRLF stream
  std::size_t count = 0;
  std::size_t at = 0;
  while (true) {
    if (decoded_.size() <= count) decoded_.emplace_back();
    std::string& out = decoded_[count];
    out.clear();
    const std::size_t end = std::min(line.find('\t', at), line.size());
    const std::string_view raw = line.substr(at, end - at);
    bool null = raw == "\\N";
    for (std::size_t i = 0; !null && i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        out.push_back(raw[i]);
        continue;
      }
      if (++i == raw.size()) {
        Fail(Cat("field ", count + 1, " ends in a lone backslash"));
        return false;
      }
      const char c = raw[i];
      switch (c) {
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'v':
          out.push_back('\v');
          break;
        case 'x': {
          int value = 0, digits = 0;
          while (digits < 2 && i + 1 < raw.size() && HexValue(raw[i + 1]) >= 0) {
            value = value * 16 + HexValue(raw[++i]);
            ++digits;
          }
          if (digits == 0) {
            out.push_back('x');  // "\x" without a hex digit is the letter
          } else {
            out.push_back(static_cast<char>(value));
          }
          break;
        }
        default:
          if (c >= '0' && c <= '7') {
            int value = c - '0', digits = 1;
            while (digits < 3 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7') {
              value = value * 8 + (raw[++i] - '0');
              ++digits;
            }
            out.push_back(static_cast<char>(value & 0xFF));
          } else {
            out.push_back(c);  // any other escaped character is itself
          }
      }
    }
    if (nulls_.size() <= count) nulls_.resize(count + 1);
    nulls_[count] = null;
    ++count;
    if (end == line.size()) break;
    at = end + 1;
  }
  // The views are made once every field is decoded: decoded_ may have grown meanwhile.
  fields_.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    fields_[i] = nulls_[i] ? CopyField{std::string_view(), true} : CopyField{decoded_[i], false};
  }
  if (expected_fields_ >= 0 && count != static_cast<std::size_t>(expected_fields_)) {
    Fail(Cat("a row with ", count, " fields; the query has ", expected_fields_));
    return false;
  }
  return true;
}

absl::Status CopyTextReader::Feed(std::string_view piece) {
  if (!error_.ok()) return error_;
  if (ended_) return absl::OkStatus();
  // What was carried holds no line end (it would have been read): the search starts after it.
  std::size_t search = carry_.size();
  carry_.append(piece);
  std::size_t at = 0;
  while (!ended_) {
    const std::size_t end = carry_.find('\n', std::max(at, search));
    if (end == std::string::npos) break;
    const std::string_view line(carry_.data() + at, end - at);
    at = end + 1;
    if (line == "\\." || line == "\\.\r") {
      ended_ = true;
      break;
    }
    if (!DecodeLine(line)) return error_;
    ++line_;
    if (!on_tuple_(fields_)) ended_ = true;
  }
  carry_.erase(0, at);
  if (ended_) carry_.clear();
  return absl::OkStatus();
}

absl::Status CopyTextReader::Finish() {
  if (!error_.ok()) return error_;
  if (ended_ || carry_.empty()) return absl::OkStatus();
  std::string last;
  last.swap(carry_);
  if (last == "\\.") return absl::OkStatus();
  if (!DecodeLine(last)) return error_;
  ++line_;
  on_tuple_(fields_);
  return absl::OkStatus();
}

}  // namespace orgnet::internal
