// The reader of PostgreSQL's binary COPY format ("COPY ... TO STDOUT WITH (FORMAT binary)";
// PostgreSQL documentation, COPY, "Binary Format"), fed the stream in pieces of any size.
#ifndef ORGNET_SRC_DATABASE_COPY_BINARY_H_
#define ORGNET_SRC_DATABASE_COPY_BINARY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace orgnet::internal {

// One field of a tuple: its bytes in the format's binary representation of the column's type,
// or null.
struct CopyField {
  std::string_view bytes;
  bool null = false;
};

// Parses the stream as a byte stream: a piece may end anywhere (inside the signature, a
// length word or a field), and the tuples come out the same whatever the pieces. Follows the
// specification's rules for readers: the signature is checked; flag bits 0-15 other than
// none are refused (format-critical); bit 16 says each tuple carries an OID field, which is
// skipped; bits 17-31 are ignored; the header extension is skipped by its length. The -1
// trailer ends the stream; a stream that ends after a whole tuple without it (openGauss) is
// accepted.
class CopyBinaryReader {
 public:
  // Each tuple's fields, valid during the call. Returning false stops the reading (Feed
  // returns OK and ignores the rest).
  using TupleFn = std::function<bool(absl::Span<const CopyField>)>;

  // @p fields: the number of fields every tuple must have (a tuple with another count is an
  // error), or -1 to accept any.
  CopyBinaryReader(int fields, TupleFn on_tuple);

  // The next piece of the stream. An error names the stream's byte offset; after one, every
  // later call returns it again.
  absl::Status Feed(std::string_view piece);
  // The stream has ended: an error if it ended inside the header or a tuple, or had no
  // header at all.
  absl::Status Finish();


 private:
  enum class State { kHeader, kTuples, kDone, kStopped };
  // Parses what it can of @p data from its start; returns the bytes consumed (a prefix of
  // whole units: the header, or tuples), or sets error_.
  std::size_t Parse(std::string_view data);
  std::size_t ParseHeader(std::string_view data);
  // A whole tuple at the start of @p data: its size in bytes, 0 if incomplete; error_ set
  // when it is malformed.
  std::size_t ParseTuple(std::string_view data);
  void Fail(std::size_t at, std::string_view what);

  const int expected_fields_;
  TupleFn on_tuple_;
  State state_ = State::kHeader;
  bool with_oids_ = false;
  std::string carry_;          // an incomplete unit, waiting for the next piece
  std::int64_t consumed_ = 0;  // stream bytes before carry_ / the piece parsed
  std::size_t unit_at_ = 0;    // where the unit being parsed starts in it (for messages)
  std::vector<CopyField> fields_;
  absl::Status error_;
};

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_COPY_BINARY_H_
