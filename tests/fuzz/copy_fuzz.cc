// The COPY readers on arbitrary bytes: no crash, no read outside the data, and the same
// outcome (the same tuples, or the same error) whether the stream comes whole, split at a
// point the input chooses, or one byte at a time; every field of a tuple read as a binary
// value of each type the loader reads directly converts without a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "database/copy_binary.h"
#include "database/copy_text.h"
#include "database/pg_value.h"

namespace {

using orgnet::internal::CopyField;

struct Outcome {
  std::vector<std::vector<std::string>> rows;
  std::string error;
  bool operator==(const Outcome& other) const {
    return rows == other.rows && error == other.error;
  }
};

template <typename Reader>
Outcome Read(bool text, int fields, const std::vector<std::string_view>& pieces) {
  Outcome out;
  auto keep = [&](absl::Span<const CopyField> tuple) {
    std::vector<std::string> row;
    for (const CopyField& f : tuple) {
      row.push_back(f.null ? std::string("\xff" "NULL") : std::string(f.bytes));
      if (!text && !f.null) {
        using namespace orgnet::internal;
        for (std::uint32_t type : {pg_type::kBool, pg_type::kInt2, pg_type::kInt4, pg_type::kInt8,
                                   pg_type::kFloat4, pg_type::kFloat8, pg_type::kNumeric,
                                   pg_type::kDate, pg_type::kUuid, pg_type::kBpchar}) {
          std::string cell;
          (void)AppendCellText(cell, type, WireFormat::kBinary, f.bytes, type == pg_type::kBool);
        }
      }
    }
    out.rows.push_back(std::move(row));
    return out.rows.size() < 1000;
  };
  Reader reader(fields, keep);
  for (std::string_view piece : pieces) {
    if (absl::Status s = reader.Feed(piece); !s.ok()) {
      out.error = std::string(s.message());
      return out;
    }
  }
  if (absl::Status s = reader.Finish(); !s.ok()) out.error = std::string(s.message());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const bool text = (data[0] & 1) != 0;
  const int fields = (data[0] >> 1) % 8 == 7 ? -1 : (data[0] >> 1) % 8;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t split = stream.empty() ? 0 : data[1] % (stream.size() + 1);
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < stream.size(); ++i) bytes.push_back(stream.substr(i, 1));
  auto run = [&](const std::vector<std::string_view>& pieces) {
    return text ? Read<orgnet::internal::CopyTextReader>(true, fields, pieces)
                : Read<orgnet::internal::CopyBinaryReader>(false, fields, pieces);
  };
  const Outcome whole = run({stream});
  if (!(run({stream.substr(0, split), stream.substr(split)}) == whole)) std::abort();
  if (!(run(bytes) == whole)) std::abort();
  return 0;
}
