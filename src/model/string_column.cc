#include "model/string_column.h"

#include <string>

#include "absl/container/flat_hash_map.h"

namespace orgnet::internal {

void StringColumn::Compress(bool allow_dictionary) {
  const std::size_t n = size();
  if (encoding_ != Encoding::kEnds || n < 64) return;
  // One width for every cell: the ends are implied.
  const std::uint64_t width = ends_[0];
  bool fixed = true;
  for (std::size_t i = 1; i < n && fixed; ++i) fixed = ends_[i] - ends_[i - 1] == width;
  if (fixed) {
    ends_.clear();
    rows_ = n;
    width_ = static_cast<std::uint32_t>(width);
    encoding_ = Encoding::kFixed;
    return;
  }
  if (!allow_dictionary) return;
  absl::flat_hash_map<std::string_view, std::uint8_t> codes;
  PodBuffer<std::uint8_t> cell_codes;
  cell_codes.resize(n);
  std::uint8_t* out = cell_codes.mutable_data();
  PodBuffer<char> values;
  PodBuffer<std::uint32_t> value_ends;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view cell = Entry(i);
    auto [it, added] = codes.try_emplace(cell, static_cast<std::uint8_t>(codes.size()));
    if (added) {
      if (codes.size() > kMaxDictionary) return;  // not categorical: keep the ends
      values.append(cell.data(), cell.size());
      value_ends.push_back(static_cast<std::uint32_t>(values.size()));
    }
    out[i] = it->second;
  }
  bytes_ = std::move(values);
  ends_ = std::move(value_ends);
  codes_ = std::move(cell_codes);
  rows_ = n;
  encoding_ = Encoding::kDictionary;
}

void StringColumn::Expand() {
  const std::size_t n = size();
  PodBuffer<char> bytes;
  PodBuffer<std::uint32_t> ends;
  ends.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view cell = (*this)[i];
    bytes.append(cell.data(), cell.size());
    ends.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
  bytes_ = std::move(bytes);
  ends_ = std::move(ends);
  codes_.clear();
  encoding_ = Encoding::kEnds;
  rows_ = width_ = 0;
}

}  // namespace orgnet::internal
