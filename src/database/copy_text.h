// The reader of PostgreSQL's text COPY format (PostgreSQL documentation, COPY, "Text
// Format"): one line per row, fields separated by tabs, \N for null, backslash escapes. For
// servers or mappings that ask for it ("copy_format": "text"); fed in pieces of any size.
#ifndef ORGNET_SRC_DATABASE_COPY_TEXT_H_
#define ORGNET_SRC_DATABASE_COPY_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "database/copy_binary.h"

namespace orgnet::internal {

class CopyTextReader {
 public:
  using TupleFn = CopyBinaryReader::TupleFn;

  // @p fields: the number of fields every row must have, or -1 to accept any.
  CopyTextReader(int fields, TupleFn on_tuple);

  absl::Status Feed(std::string_view piece);
  // The stream has ended; a last row without its "\n" is read as a row.
  absl::Status Finish();


 private:
  // Decodes one line (without its "\n") into fields_; false with error_ set when malformed.
  bool DecodeLine(std::string_view line);
  void Fail(std::string_view what);

  const int expected_fields_;
  TupleFn on_tuple_;
  std::string carry_;
  std::int64_t line_ = 0;  // rows read (the line the next one is on, less one)
  bool ended_ = false;  // the \. end marker, or the callback said stop
  std::vector<std::string> decoded_;
  std::vector<bool> nulls_;
  std::vector<CopyField> fields_;
  absl::Status error_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_COPY_TEXT_H_
