#include "database/copy_binary.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

#include "base/text.h"

namespace orgnet::internal {
namespace {

constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and a NUL: 11 bytes
constexpr std::size_t kSignatureBytes = 11;
constexpr std::uint32_t kOidsFlag = 1u << 16;

std::uint32_t Word32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) |
         std::uint32_t{u[3]};
}
std::int16_t Int16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::int16_t>((u[0] << 8) | u[1]);
}

}  // namespace

CopyBinaryReader::CopyBinaryReader(int fields, TupleFn on_tuple)
    : expected_fields_(fields), on_tuple_(std::move(on_tuple)) {}

void CopyBinaryReader::Fail(std::size_t at, std::string_view what) {
  error_ =
      absl::DataLossError(Cat("binary COPY stream, byte ",
                              consumed_ + static_cast<std::int64_t>(unit_at_ + at), ": ", what));
}

absl::Status CopyBinaryReader::Feed(std::string_view piece) {
  if (!error_.ok()) return error_;
  if (state_ == State::kStopped || piece.empty()) return absl::OkStatus();
  if (state_ == State::kDone) {
    Fail(0, "data after the end-of-data trailer");
    return error_;
  }
  // An incomplete unit waits in carry_ for the pieces that complete it; whole units are read
  // from the piece itself.
  const bool carried = !carry_.empty();
  if (carried) carry_.append(piece);
  const std::string_view data = carried ? std::string_view(carry_) : piece;
  const std::size_t used = Parse(data);
  if (!error_.ok()) return error_;
  consumed_ += static_cast<std::int64_t>(used);
  if (state_ == State::kDone && used < data.size()) {
    Fail(0, "data after the end-of-data trailer");
    return error_;
  }
  if (state_ == State::kStopped) {
    carry_.clear();
  } else if (carried) {
    carry_.erase(0, used);
  } else {
    carry_.assign(data.substr(used));
  }
  return absl::OkStatus();
}

std::size_t CopyBinaryReader::Parse(std::string_view data) {
  std::size_t at = 0;
  if (state_ == State::kHeader) {
    at = ParseHeader(data);
    if (at == 0 || !error_.ok()) return 0;
  }
  while (state_ == State::kTuples && error_.ok()) {
    unit_at_ = at;
    const std::size_t size = ParseTuple(data.substr(at));
    if (size == 0) break;
    if (state_ == State::kTuples) {
      if (!on_tuple_(fields_)) state_ = State::kStopped;
    }
    at += size;
  }
  if (error_.ok()) unit_at_ = 0;
  return at;
}

std::size_t CopyBinaryReader::ParseHeader(std::string_view data) {
  // A wrong signature is said as soon as its first wrong byte is here.
  const std::size_t have = std::min(data.size(), kSignatureBytes);
  if (std::memcmp(data.data(), kSignature, have) != 0) {
    Fail(0, "not a binary COPY stream (the signature PGCOPY\\n\\377\\r\\n\\0 is missing)");
    return 0;
  }
  if (data.size() < kSignatureBytes + 8) return 0;
  const std::uint32_t flags = Word32(data.data() + kSignatureBytes);
  if ((flags & 0xFFFFu) != 0) {
    char hex[8];
    const auto printed = std::to_chars(hex, hex + sizeof hex, flags & 0xFFFFu, 16);
    Fail(kSignatureBytes, Cat("unknown format-critical flag bits 0x",
                              std::string_view(hex, static_cast<std::size_t>(printed.ptr - hex)),
                              " (bits 0-15 must be zero; this reader knows none)"));
    return 0;
  }
  with_oids_ = (flags & kOidsFlag) != 0;
  const std::uint32_t extension = Word32(data.data() + kSignatureBytes + 4);
  if (extension > 0x7FFFFFFFu) {
    Fail(kSignatureBytes + 4, "a header extension longer than 2 GiB");
    return 0;
  }
  const std::size_t size = kSignatureBytes + 8 + extension;
  if (data.size() < size) return 0;
  state_ = State::kTuples;
  return size;
}

std::size_t CopyBinaryReader::ParseTuple(std::string_view data) {
  if (data.size() < 2) return 0;
  const std::int16_t count = Int16(data.data());
  if (count == -1) {
    state_ = State::kDone;
    return 2;
  }
  if (count < 0) {
    Fail(0, Cat("a tuple with ", count, " fields"));
    return 0;
  }
  if (expected_fields_ >= 0 && count != expected_fields_) {
    Fail(0, Cat("a tuple with ", count, " fields; the query has ", expected_fields_));
    return 0;
  }
  std::size_t at = 2;
  fields_.clear();
  for (int i = with_oids_ ? -1 : 0; i < count; ++i) {
    if (data.size() < at + 4) return 0;
    const std::int32_t length = static_cast<std::int32_t>(Word32(data.data() + at));
    if (length < -1) {
      Fail(at, Cat("a field length of ", length));
      return 0;
    }
    at += 4;
    if (length == -1) {
      if (i >= 0) fields_.push_back({std::string_view(), true});
      continue;
    }
    if (data.size() - at < static_cast<std::size_t>(length)) return 0;
    if (i >= 0) fields_.push_back({data.substr(at, static_cast<std::size_t>(length)), false});
    at += static_cast<std::size_t>(length);
  }
  return at;
}

absl::Status CopyBinaryReader::Finish() {
  if (!error_.ok()) return error_;
  if (state_ == State::kHeader) {
    Fail(carry_.size(), "the stream ended inside its header");
    return error_;
  }
  if (state_ == State::kTuples && !carry_.empty()) {
    {
      Fail(carry_.size(), "the stream ended inside a tuple");
      return error_;
    }
  }
  return absl::OkStatus();
}

}  // namespace orgnet::internal
