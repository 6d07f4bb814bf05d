#include "database/pg_value.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "base/date.h"
#include "base/text.h"
#include "orgnet/schema.h"

namespace orgnet::internal {
namespace {

std::uint64_t BigEndian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

template <typename T>
void AppendNumber(std::string& out, T value) {
  char buffer[64];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, printed.ptr);
}

std::string WrongSize(std::string_view type, std::size_t bytes) {
  return Cat(type, " value of ", bytes, " bytes");
}

// numeric's binary form: ndigits, weight, sign, dscale (16 bits each), then ndigits base-10000
// digits, the first of weight `weight` (PostgreSQL's numeric_send).
std::string AppendNumeric(std::string& out, std::string_view v) {
  if (v.size() < 8) return WrongSize("numeric", v.size());
  const int ndigits = static_cast<std::int16_t>(BigEndian(v.substr(0, 2)));
  const int weight = static_cast<std::int16_t>(BigEndian(v.substr(2, 2)));
  const unsigned sign = static_cast<unsigned>(BigEndian(v.substr(4, 2)));
  const int dscale = static_cast<std::int16_t>(BigEndian(v.substr(6, 2)));
  // Not numbers: their text, which the cell checks refuse where a number is wanted.
  if (sign == 0xC000) return out.append("NaN"), std::string();
  if (sign == 0xD000) return out.append("Infinity"), std::string();
  if (sign == 0xF000) return out.append("-Infinity"), std::string();
  if ((sign != 0x0000 && sign != 0x4000) || ndigits < 0 || dscale < 0 ||
      v.size() != 8 + 2 * static_cast<std::size_t>(ndigits)) {
    return "a malformed numeric value";
  }
  auto digit = [&](int i) -> int {  // the base-10000 digit of weight `weight - i`, 0 outside
    if (i < 0 || i >= ndigits) return 0;
    return static_cast<int>(BigEndian(v.substr(8 + 2 * static_cast<std::size_t>(i), 2)));
  };
  for (int i = 0; i < ndigits; ++i) {
    if (digit(i) > 9999) return "a malformed numeric value";
  }
  if (sign == 0x4000 && ndigits > 0) out.push_back('-');
  // The integer part: the digits of weight weight .. 0.
  if (weight < 0) {
    out.push_back('0');
  } else {
    for (int w = weight, i = 0; w >= 0; --w, ++i) {
      const int d = digit(i);
      if (i == 0) {
        AppendNumber(out, d);
      } else {
        const char four[4] = {
            static_cast<char>('0' + d / 1000), static_cast<char>('0' + d / 100 % 10),
            static_cast<char>('0' + d / 10 % 10), static_cast<char>('0' + d % 10)};
        out.append(four, 4);
      }
    }
  }
  if (dscale > 0) {
    out.push_back('.');
    int written = 0;
    for (int w = -1; written < dscale; --w) {
      const int d = digit(weight - w);
      const char four[4] = {static_cast<char>('0' + d / 1000),
                            static_cast<char>('0' + d / 100 % 10),
                            static_cast<char>('0' + d / 10 % 10), static_cast<char>('0' + d % 10)};
      const int take = std::min(4, dscale - written);
      out.append(four, static_cast<std::size_t>(take));
      written += take;
    }
  }
  return {};
}

void AppendUuid(std::string& out, std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto byte = static_cast<unsigned char>(v[i]);
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
}

// char(n) pads with spaces that are no part of the value (PostgreSQL compares without them).
std::string_view WithoutPadding(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// A date's text, remembered per thread for the last date of each of 1,024 slots: a table's
// dates repeat (a year of events has 365 of them), and their calendar arithmetic was a
// tenth of a database load's own time.
void AppendDate(std::string& out, Date date) {
  struct Slot {
    Date date = kNoDate;
    char text[10];
  };
  thread_local std::array<Slot, 1024> slots;
  Slot& slot = slots[static_cast<std::uint32_t>(date) & 1023u];
  if (const CivilDate c = CivilFromDays(date); c.year < 1) {
    // Before year 1: the server's own text ("0044-03-15 BC"), which the date check refuses.
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u BC", 1 - c.year, c.month, c.day);
    out.append(text);
    return;
  }
  if (slot.date != date) {
    const std::string text = FormatDate(date);
    if (text.size() != sizeof slot.text) {  // a year outside 0000-9999: not remembered
      out.append(text);
      return;
    }
    text.copy(slot.text, sizeof slot.text);
    slot.date = date;
  }
  out.append(slot.text, sizeof slot.text);
}

// PostgreSQL counts days from 2000-01-01; the dataset from 1970-01-01 (10,957 days before).
constexpr std::int64_t kPostgresDateShift = 10957;

std::string AppendBinary(std::string& out, std::uint32_t type, std::string_view v,
                         bool flag_column) {
  switch (type) {
    case pg_type::kBool:
      if (v.size() != 1) return WrongSize("bool", v.size());
      out.append(v[0] != 0 ? (flag_column ? "1" : "true") : (flag_column ? "0" : "false"));
      return {};
    case pg_type::kInt2:
      if (v.size() != 2) return WrongSize("smallint", v.size());
      AppendNumber(out, static_cast<std::int16_t>(BigEndian(v)));
      return {};
    case pg_type::kInt4:
      if (v.size() != 4) return WrongSize("integer", v.size());
      AppendNumber(out, static_cast<std::int32_t>(BigEndian(v)));
      return {};
    case pg_type::kInt8:
      if (v.size() != 8) return WrongSize("bigint", v.size());
      AppendNumber(out, static_cast<std::int64_t>(BigEndian(v)));
      return {};
    case pg_type::kOid:
      if (v.size() != 4) return WrongSize("oid", v.size());
      AppendNumber(out, static_cast<std::uint32_t>(BigEndian(v)));
      return {};
    case pg_type::kFloat4: {
      if (v.size() != 4) return WrongSize("real", v.size());
      const auto bits = static_cast<std::uint32_t>(BigEndian(v));
      float value;
      std::memcpy(&value, &bits, sizeof value);
      AppendNumber(out, value);  // the shortest text of the float itself, not of its double
      return {};
    }
    case pg_type::kFloat8: {
      if (v.size() != 8) return WrongSize("double precision", v.size());
      const std::uint64_t bits = BigEndian(v);
      double value;
      std::memcpy(&value, &bits, sizeof value);
      AppendNumber(out, value);
      return {};
    }
    case pg_type::kNumeric:
      return AppendNumeric(out, v);
    case pg_type::kDate: {
      if (v.size() != 4) return WrongSize("date", v.size());
      const auto days = static_cast<std::int32_t>(BigEndian(v));
      if (days == INT32_MAX || days == INT32_MIN) {  // refused by the date check, as in text
        out.append(days == INT32_MAX ? "infinity" : "-infinity");
        return {};
      }
      AppendDate(out, static_cast<Date>(std::int64_t{days} + kPostgresDateShift));
      return {};
    }
    case pg_type::kUuid:
      if (v.size() != 16) return WrongSize("uuid", v.size());
      AppendUuid(out, v);
      return {};
    case pg_type::kBpchar:
      out.append(WithoutPadding(v));
      return {};
    default:
      out.append(v);
      return {};  // text, varchar, name and what the query cast to text
  }
}

}  // namespace

TypeReading ReadingOf(std::uint32_t type_oid) {
  switch (type_oid) {
    case pg_type::kBool:
    case pg_type::kName:
    case pg_type::kInt8:
    case pg_type::kInt2:
    case pg_type::kInt4:
    case pg_type::kText:
    case pg_type::kOid:
    case pg_type::kFloat4:
    case pg_type::kFloat8:
    case pg_type::kBpchar:
    case pg_type::kVarchar:
    case pg_type::kDate:
    case pg_type::kNumeric:
    case pg_type::kUuid:
      return TypeReading::kDirect;
    case pg_type::kTimestamp:
    case pg_type::kTimestampTz:
      return TypeReading::kAsDate;
    default:
      return TypeReading::kAsText;
  }
}

std::string AppendCellText(std::string& out, std::uint32_t type_oid, WireFormat format,
                           std::string_view value, bool flag_column) {
  if (format == WireFormat::kBinary) return AppendBinary(out, type_oid, value, flag_column);
  // The text format: each type's output function's text (DateStyle ISO, set by the loader).
  if (type_oid == pg_type::kBool && (value == "t" || value == "f")) {
    out.append(value == "t" ? (flag_column ? "1" : "true") : (flag_column ? "0" : "false"));
    return {};
  }
  if (type_oid == pg_type::kBpchar) value = WithoutPadding(value);
  out.append(value);
  return {};
}

std::optional<std::int64_t> BinaryNumber(std::uint32_t type_oid, std::string_view v) {
  // 0001-01-01 and 9999-12-31 as PostgreSQL counts days.
  constexpr std::int64_t kFirstDay = -730119, kLastDay = 2921939;
  switch (type_oid) {
    case pg_type::kInt2:
      if (v.size() == 2) return static_cast<std::int16_t>(BigEndian(v));
      break;
    case pg_type::kInt4:
      if (v.size() == 4) return static_cast<std::int32_t>(BigEndian(v));
      break;
    case pg_type::kInt8:
      if (v.size() == 8) return static_cast<std::int64_t>(BigEndian(v));
      break;
    case pg_type::kDate:
      if (v.size() == 4) {
        const std::int64_t days = static_cast<std::int32_t>(BigEndian(v));
        if (days >= kFirstDay && days <= kLastDay) return days + kPostgresDateShift;
      }
      break;
    case pg_type::kBool:
      if (v.size() == 1) return v[0] != 0 ? 1 : 0;
      break;
    default: break;
  }
  return std::nullopt;
}

bool CellTextNeedsCheck(std::uint32_t type_oid, WireFormat format) {
  return format == WireFormat::kText || type_oid == pg_type::kText ||
         type_oid == pg_type::kVarchar || type_oid == pg_type::kBpchar ||
         type_oid == pg_type::kName;
}

}  // namespace orgnet::internal
