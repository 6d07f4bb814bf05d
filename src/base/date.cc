// Civil-date arithmetic after Howard Hinnant's days_from_civil: exact, branch-light, no tables.
#include <cstdio>
#include <algorithm>
#include <ctime>

#include "base/date.h"
#include "base/text.h"

#include "orgnet/schema.h"

namespace orgnet {
namespace {

std::int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int year = parts[0], month = parts[1], day = parts[2];
  static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
  const int days_in_month = kMonthDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0);
  if (day > days_in_month) return std::nullopt;
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::string FormatDate(Date date) {
  if (date == kNoDate) return {};
  const internal::CivilDate c = internal::CivilFromDays(date);
  if (c.year < 0 || c.year > 9999) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", c.year, c.month, c.day);
    return buffer;
  }
  // The dataset's years by hand: snprintf was a sixth of a save's time.
  const unsigned y = static_cast<unsigned>(c.year);
  const char text[10] = {static_cast<char>('0' + y / 1000),       static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10),    static_cast<char>('0' + y % 10),
                         '-',
                         static_cast<char>('0' + c.month / 10),   static_cast<char>('0' + c.month % 10),
                         '-',
                         static_cast<char>('0' + c.day / 10),     static_cast<char>('0' + c.day % 10)};
  return std::string(text, sizeof text);
}

namespace internal {

CivilDate CivilFromDays(Date date) {
  // In 64 bits, so that every Date (not only the format's years) converts without overflow.
  const std::int64_t z = std::int64_t{date} + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe + era * 400);
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int CalendarMonthsBetween(Date from, Date to) {
  const CivilDate a = CivilFromDays(from), b = CivilFromDays(to);
  int months = (b.year - a.year) * 12 + static_cast<int>(b.month) - static_cast<int>(a.month);
  if (months > 0 && b.day < a.day) --months;
  if (months < 0 && b.day > a.day) ++months;
  return months;
}

Date MonthsBefore(Date date, int months) {
  const CivilDate c = CivilFromDays(date);
  // In 64 bits: any month count works. Before 0001-01 no date of the format is that far back,
  // so the day before the first date stands for "none".
  const std::int64_t index = std::int64_t{c.year} * 12 + c.month - 1 - months;
  if (index < 12) return kMinDate - 1;
  const int year = static_cast<int>(index / 12);
  const unsigned month = static_cast<unsigned>(index % 12) + 1;
  static constexpr unsigned kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const unsigned last = kMonthDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return DaysFromCivil(year, month, std::min(c.day, last));
}


absl::Status CheckDateOption(Date date, std::string_view name, bool exclusive_end) {
  const Date last = exclusive_end ? kMaxDate + 1 : kMaxDate;
  if (date == kNoDate || (date >= kMinDate && date <= last)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      internal::Cat(name, " is day ", date, "; a date option is empty or a day from ",
                    kMinDate, " (0001-01-01) to ", last,
                    exclusive_end ? " (the day after 9999-12-31)" : " (9999-12-31)"));
}

}  // namespace internal

}  // namespace orgnet
