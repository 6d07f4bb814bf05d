// How the library's messages are written: pieces concatenated (Debian's Abseil has its own
// absl::string_view, so absl::StrCat does not take the std::string_view used throughout), and
// values quoted, cut and made valid UTF-8, so that every message is valid text of bounded
// length. Internal: the C ABI and the layers of src/ use them; they are no public API.
#ifndef ORGNET_SRC_BASE_TEXT_H_
#define ORGNET_SRC_BASE_TEXT_H_

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/utf8.h"
#include "orgnet/text.h"

namespace orgnet::internal {

// Appends one piece of a message: text, a character, a bool ("true"/"false") or a number.
// (Debian's Abseil has its own absl::string_view, so absl::StrCat does not take the
// std::string_view used throughout.)
template <typename T>
void AppendPiece(std::string& out, const T& piece) {
  if constexpr (std::is_same_v<T, bool>) {
    out.append(piece ? "true" : "false");
  } else if constexpr (std::is_same_v<T, char>) {
    out.push_back(piece);
  } else if constexpr (std::is_arithmetic_v<T>) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, piece);
    out.append(buffer, result.ptr);
  } else {
    out.append(std::string_view(piece));
  }
}

// Appends every piece (text or number) to *out.
template <typename... Pieces>
void CatTo(std::string* out, const Pieces&... pieces) {
  (AppendPiece(*out, pieces), ...);
}

// Concatenates text and numbers.
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  CatTo(&out, pieces...);
  return out;
}

// Longest prefix of an input value (a cell, an id, a name) that a message quotes: a message
// stays short whatever the input holds.
inline constexpr std::size_t kMaxShownValueBytes = 60;

// A value as shown in a message: quoted, cut at a UTF-8 boundary when long (with its size),
// and any byte that is not valid text written as \\xNN, so that a message is always UTF-8.
inline std::string Shown(std::string_view value) {
  std::string_view shown = value;
  if (value.size() > kMaxShownValueBytes) {
    std::size_t cut = kMaxShownValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    shown = value.substr(0, cut);
  }
  std::string out = "\"";
  while (!shown.empty()) {
    const std::size_t valid = ValidTextPrefix(shown);
    out.append(shown.substr(0, valid));
    if (valid == shown.size()) break;
    static constexpr char kDigits[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(shown[valid]);
    out += {'\\', 'x', kDigits[byte >> 4], kDigits[byte & 15]};
    shown.remove_prefix(valid + 1);
  }
  if (value.size() > kMaxShownValueBytes) {
    CatTo(&out, "...\" (", value.size(), " bytes)");
  } else {
    out.push_back('"');
  }
  return out;
}

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_TEXT_H_
