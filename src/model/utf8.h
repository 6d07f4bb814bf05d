// The one test of text that enters the library (files, builders, edits, the C ABI): valid
// UTF-8 without NUL bytes, so that whatever is accepted saves and loads back unchanged.
#ifndef ORGNET_SRC_MODEL_UTF8_H_
#define ORGNET_SRC_MODEL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace orgnet::internal {

// Length of the longest prefix of `text` that is valid UTF-8 (RFC 3629: shortest forms, no
// surrogates, at most U+10FFFF) and holds no NUL byte; text.size() when all of it is.
std::size_t ValidTextPrefix(std::string_view text);

// True when the whole of `text` is valid (see ValidTextPrefix).
inline bool IsValidText(std::string_view text) { return ValidTextPrefix(text) == text.size(); }

// Why the byte at `at` (where ValidTextPrefix stopped) is refused, e.g. "invalid UTF-8 (byte
// 0xFF)", with a hint when the text looks like UTF-16.
std::string InvalidTextReason(std::string_view text, std::size_t at);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_MODEL_UTF8_H_
