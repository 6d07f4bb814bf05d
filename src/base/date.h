// Calendar parts of a Date, for rules counted in calendar months. The month arithmetic is
// exported (not public API) so that the tests can check it against its definition.
#ifndef ORGNET_SRC_BASE_DATE_H_
#define ORGNET_SRC_BASE_DATE_H_

#include <string_view>

#include "absl/status/status.h"
#include "orgnet/schema.h"

namespace orgnet::internal {

struct CivilDate {
  int year;
  unsigned month;  // 1-12
  unsigned day;    // 1-31
};

// The calendar date of a (known) Date.
CivilDate CivilFromDays(Date date);

// Whole calendar months from `from` to `to` (negative when `to` is earlier): 2026-01-31 to
// 2026-07-30 is 5 months, to 2026-07-31 is 6.
int CalendarMonthsBetween(Date from, Date to);

// The latest date d with CalendarMonthsBetween(d, date) >= months (months >= 0): the same day
// `months` calendar months earlier, or that month's last day when it is shorter.
Date MonthsBefore(Date date, int months);


// OK when `date` is kNoDate or a day the format accepts (0001-01-01 to 9999-12-31; with
// `exclusive_end`, also the day after 9999-12-31); else kInvalidArgument naming `name` and
// the range.
absl::Status CheckDateOption(Date date, std::string_view name, bool exclusive_end = false);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_DATE_H_
