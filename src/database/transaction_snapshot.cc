#include "database/transaction_snapshot.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "absl/status/status.h"
#include "base/text.h"

namespace orgnet::internal {
namespace {

bool ParseId(std::string_view text, std::uint64_t* out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

absl::StatusOr<TransactionSnapshot> TransactionSnapshot::Parse(std::string_view text) {
  const auto malformed = [&] {
    return absl::DataLossError(
        Cat("database: a transaction snapshot the server sent: ", Shown(text)));
  };
  const std::size_t first = text.find(':');
  const std::size_t second =
      first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos) return malformed();
  TransactionSnapshot out;
  if (!ParseId(text.substr(0, first), &out.xmin_) ||
      !ParseId(text.substr(first + 1, second - first - 1), &out.xmax_) ||
      out.xmin_ > out.xmax_) {
    return malformed();
  }
  std::string_view list = text.substr(second + 1);
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::uint64_t xid = 0;
    if (!ParseId(list.substr(0, comma), &xid) || xid < out.xmin_ || xid >= out.xmax_) {
      return malformed();
    }
    out.in_progress_.push_back(xid);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
    if (list.empty()) return malformed();  // a trailing comma
  }
  std::sort(out.in_progress_.begin(), out.in_progress_.end());
  return out;
}

bool TransactionSnapshot::Sees(std::uint32_t xid) const {
  // How far below xmax the id is, counted in 32 bits: 0 is xmax itself, and half the circle
  // or more is above it (a transaction that began after the snapshot).
  const std::uint32_t below = static_cast<std::uint32_t>(xmax_) - xid;
  if (below == 0 || below >= (std::uint32_t{1} << 31) || below > xmax_) return false;
  const std::uint64_t full = xmax_ - below;
  return !std::binary_search(in_progress_.begin(), in_progress_.end(), full);
}

}  // namespace orgnet::internal
