// The C ABI's argument checks, one of each: NULL pointers, text, tables, rows, columns, column
// types, option versions and roll-ups. Each names the argument as the header does and returns
// the code the header's opening comment promises (INVALID_ARGUMENT or OUT_OF_RANGE).
#ifndef ORGNET_CAPI_ARGUMENTS_H_
#define ORGNET_CAPI_ARGUMENTS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "base/text.h"
#include "capi/error.h"
#include "orgnet/network.h"
#include "orgnet/orgnet.h"
#include "orgnet/schema.h"
#include "orgnet/text.h"

namespace orgnet::capi {

using internal::Cat;

// ORGNET_INVALID_ARGUMENT with @p message.
inline int Invalid(std::string message) {
  return SetError(ORGNET_INVALID_ARGUMENT, std::move(message));
}

// ORGNET_INVALID_ARGUMENT naming the first pointer argument that is NULL, by its name in the
// header ("out_count is NULL").
inline int RequirePointers(std::initializer_list<std::pair<const void*, const char*>> pointers) {
  for (const auto& [pointer, name] : pointers) {
    if (pointer == nullptr) return Invalid(internal::Cat(name, " is NULL"));
  }
  return ORGNET_OK;
}

// Views (data, length) as *out; ORGNET_INVALID_ARGUMENT naming @p name when data is NULL with
// a length, or when the bytes are not valid text (the message gives the byte and its offset),
// so that no call stores, echoes or saves bytes a load would refuse.
inline int TextArgument(const char* data, std::size_t length, std::string_view name,
                        std::string_view* out) {
  if (data == nullptr && length > 0) return Invalid(internal::Cat(name, " is NULL"));
  const std::string_view text =
      data == nullptr ? std::string_view() : std::string_view(data, length);
  const std::size_t valid = ValidTextPrefix(text);
  if (valid != text.size()) {
    return Invalid(internal::Cat(name, ": ", InvalidTextReason(text, valid), " at byte ", valid));
  }
  *out = text;
  return ORGNET_OK;
}

// A database's URI and mapping (the mapping may be NULL with length 0: the default), checked as
// TextArgument checks text.
inline int DatabaseArguments(const char* uri, std::size_t uri_len, const char* mapping,
                             std::size_t mapping_len, std::string_view* uri_out,
                             std::string_view* mapping_out) {
  if (int rc = TextArgument(uri, uri_len, "uri", uri_out)) return rc;
  *mapping_out = std::string_view();
  if (mapping == nullptr && mapping_len == 0) return ORGNET_OK;
  return TextArgument(mapping, mapping_len, "mapping", mapping_out);
}

// ORGNET_INVALID_ARGUMENT unless an options struct's version is the one this library knows
// (a NULL struct means the defaults and passes).
template <typename Options>
int CheckVersion(const Options* options, unsigned known, const char* struct_name) {
  if (options != nullptr && options->version != known) {
    return Invalid(
        Cat(struct_name, ".version is ", options->version, "; this library knows version ", known));
  }
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless @p value is in [0, @p count): @p what names the argument.
inline int CheckBelow(std::int64_t value, std::int64_t count, const char* what) {
  if (value < 0 || value >= count) {
    return SetError(ORGNET_OUT_OF_RANGE, internal::Cat(what, " ", value, " out of range [0, ", count, ")"));
  }
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless @p index < @p count, naming what holds them ("the report has 3").
inline int CheckIndex(std::size_t index, std::size_t count, const char* what, const char* holder) {
  if (index >= count) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    internal::Cat(what, " ", index, " out of range: ", holder, " has ", count));
  }
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless @p table is an ORGNET_TABLE_* number.
inline int CheckTable(int table) { return CheckBelow(table, ORGNET_TABLE_COUNT, "table"); }

// ORGNET_OUT_OF_RANGE unless @p roll_up is one of the ORGNET_ROLLUP_* numbers (whether the
// call takes that roll-up is the caller's next check, INVALID_ARGUMENT).
inline int CheckRollUp(int roll_up) { return CheckBelow(roll_up, ORGNET_ROLLUP_COUNT, "roll-up"); }

// ORGNET_OUT_OF_RANGE unless @p row is a row of @p table (checked first).
inline int CheckRow(const Network& net, int table, std::uint32_t row) {
  if (int rc = CheckTable(table)) return rc;
  const Index rows = net.rows(static_cast<Table>(table));
  if (row >= rows) {
    return SetError(ORGNET_OUT_OF_RANGE,
                    internal::Cat("row ", row, " out of range: ",
                        GetTableSpec(static_cast<Table>(table)).file, " has ", rows, " rows"));
  }
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless @p org is an organization's row.
inline int CheckOrg(const Network& net, std::uint32_t org) {
  return CheckRow(net, ORGNET_TABLE_ORGS, org);
}

// ORGNET_OUT_OF_RANGE unless @p column is a column of @p table (checked first).
inline int CheckColumn(const Network& net, int table, int column) {
  if (int rc = CheckTable(table)) return rc;
  const int columns = net.column_count(static_cast<Table>(table));
  if (column < 0 || column >= columns) {
    return SetError(ORGNET_OUT_OF_RANGE, internal::Cat("column ", column, " out of range: ",
                                             GetTableSpec(static_cast<Table>(table)).file, " has ",
                                             columns, " columns"));
  }
  return ORGNET_OK;
}

// ORGNET_OUT_OF_RANGE unless (row, column) is a cell of @p table.
inline int CheckCell(const Network& net, int table, std::uint32_t row, int column) {
  if (int rc = CheckRow(net, table, row)) return rc;
  return CheckColumn(net, table, column);
}

// ORGNET_INVALID_ARGUMENT unless the column is of type @p want; @p use says what reads it.
inline int CheckType(const Network& net, int table, int column, ColumnType want, const char* use) {
  if (net.column_type(static_cast<Table>(table), column) != want) {
    return Invalid(internal::Cat("column ", internal::Shown(net.column_name(static_cast<Table>(table), column)),
                       " is not of this type; use ", use));
  }
  return ORGNET_OK;
}

}  // namespace orgnet::capi

#endif  // ORGNET_CAPI_ARGUMENTS_H_
