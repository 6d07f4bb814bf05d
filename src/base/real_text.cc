#include "base/real_text.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace orgnet::internal {

std::string FormatReal(double value) {
  if (std::isnan(value)) return {};
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace orgnet::internal
