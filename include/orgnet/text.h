/// @file text.h
/// @brief Text as orgnet accepts it (valid UTF-8 without NUL) and as its messages show it.
///
/// Every layer (loader, builder, edits, the C ABI, applications that wrap orgnet's errors)
/// checks text and writes messages with these, so that whatever is accepted saves and loads
/// back unchanged and every message is valid UTF-8 of bounded length.
#ifndef ORGNET_TEXT_H_
#define ORGNET_TEXT_H_

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"

#include "orgnet/orgnet_export.h"

namespace orgnet {

/// Length of the longest prefix of `text` that is valid UTF-8 (RFC 3629: shortest forms, no
/// surrogates, at most U+10FFFF) and holds no NUL byte; text.size() when all of it is.
ORGNET_EXPORT std::size_t ValidTextPrefix(std::string_view text);

/// True when the whole of `text` is valid (see ValidTextPrefix).
inline bool IsValidText(std::string_view text) { return ValidTextPrefix(text) == text.size(); }

/// Why the byte at `at` (where ValidTextPrefix stopped) is refused, e.g. "invalid UTF-8 (byte
/// 0xFF)", with a hint when the text looks like UTF-16 (a byte-order mark at its start).
ORGNET_EXPORT std::string InvalidTextReason(std::string_view text, std::size_t at);
/// The same, where `starts_file` says whether `at` is the first byte of a file (only there
/// does FF FE or FE FF mean a UTF-16 byte-order mark): a reader that sees a file in pieces
/// says it the same way whatever the pieces.
ORGNET_EXPORT std::string InvalidTextReason(std::string_view text, std::size_t at,
                                            bool starts_file);

/// Appends one piece of a message: text, a character, a bool ("true"/"false") or a number.
/// (Debian's Abseil has its own absl::string_view, so absl::StrCat does not take the
/// std::string_view used throughout.)
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

/// Appends every piece (text or number) to *out.
template <typename... Pieces>
void CatTo(std::string* out, const Pieces&... pieces) {
  (AppendPiece(*out, pieces), ...);
}

/// Concatenates text and numbers.
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  CatTo(&out, pieces...);
  return out;
}

/// Longest prefix of an input value (a cell, an id, a name) that a message quotes: a message
/// stays short whatever the input holds.
inline constexpr std::size_t kMaxShownValueBytes = 60;

/// A value as shown in a message: quoted, cut at a UTF-8 boundary when long (with its size),
/// and any byte that is not valid text written as \\xNN, so that a message is always UTF-8.
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

/// Edit distance between two names (insertions, deletions, substitutions of bytes).
ORGNET_EXPORT std::size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to @p name by EditDistance (ties: the smallest), "" for none.
ORGNET_EXPORT std::string_view Closest(std::string_view name,
                                       const std::vector<std::string_view>& candidates);

/// INVALID_ARGUMENT `argument: unknown what "value"; did you mean "x"? (valid: a, b, ...)`, the
/// message of every unknown-name argument: the closest when it is within half the name's
/// length, then the candidates sorted and deduplicated (at most 20, then how many more).
ORGNET_EXPORT absl::Status UnknownChoice(std::string_view argument, std::string_view what,
                                         std::string_view value,
                                         std::vector<std::string_view> candidates);

}  // namespace orgnet

#endif  // ORGNET_TEXT_H_
