// How one non-empty cell of a date, integer, real, flag or status column is read, and the
// message when it cannot be: shared by a load (every cell) and a live edit (the cells it
// sets), so that both accept the same text and say the same thing.
#ifndef ORGNET_SRC_BUILD_CELL_PARSE_H_
#define ORGNET_SRC_BUILD_CELL_PARSE_H_

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/column.h"
#include "base/date.h"
#include "base/text.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

// A column bound as messages write it ("must be >= 0 and <= 2147483647").
inline std::string BoundText(double value) { return Cat(static_cast<std::int64_t>(value)); }

inline bool IntegerInBounds(std::int64_t value, const ColumnSpec& spec) {
  return !(value < spec.min || value > spec.max);
}
inline std::string IntegerOutOfBounds(std::int64_t value, const ColumnSpec& spec) {
  return Cat("integer ", value, " out of range: must be >= ", BoundText(spec.min), " and <= ",
             BoundText(spec.max));
}

// Reads non-empty @p v as a cell of @p type (date, integer, real, flag, status; @p spec gives
// the bounds of integers and reals): true with the value in *number (date days, integer, flag
// or status code) or *real; false with the message in *error.
inline bool ParseTypedCell(ColumnType type, const ColumnSpec& spec, std::string_view v,
                           std::int64_t* number, double* real, std::string* error) {
  switch (type) {
    case ColumnType::kDate:
      if (auto date = ParseDate(v)) {
        *number = *date;
        return true;
      }
      *error = Cat("bad date ", Shown(v), ": expected a calendar date YYYY-MM-DD");
      return false;
    case ColumnType::kInteger: {
      std::int64_t value = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
      if (ec == std::errc::result_out_of_range) {
        *error = Cat("integer ", Shown(v), " out of range: must be >= ", BoundText(spec.min),
                     " and <= ", BoundText(spec.max));
      } else if (ec != std::errc() || end != v.data() + v.size()) {
        *error = Cat("bad integer ", Shown(v));
      } else if (!IntegerInBounds(value, spec)) {
        *error = IntegerOutOfBounds(value, spec);
      } else {
        *number = value;
        return true;
      }
      return false;
    }
    case ColumnType::kReal: {
      double value = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
      if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
        *error = Cat("bad number ", Shown(v));
      } else if (value < spec.min || value > spec.max) {
        *error = Cat("coordinate ", Shown(v), " out of range [", BoundText(spec.min), ", ",
                     BoundText(spec.max), "]");
      } else {
        *real = value;
        return true;
      }
      return false;
    }
    case ColumnType::kFlag:
      if (v == "1" || v == "0") {
        *number = v == "1" ? kFlagOne : kFlagZero;
        return true;
      }
      *error = Cat("bad flag ", Shown(v), ": expected 1, 0 or empty");
      return false;
    case ColumnType::kStatus:
      if (v == "formal" || v == "probationary") {
        *number = v == "probationary" ? 1 : 0;
        return true;
      }
      *error = Cat("bad status ", Shown(v), ": expected formal or probationary");
      return false;
    default:
      *error = "not a typed column";
      return false;
  }
}

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BUILD_CELL_PARSE_H_
