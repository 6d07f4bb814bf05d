/// @file text.h
/// @brief Text as orgnet accepts it: valid UTF-8 without NUL.
///
/// Every layer (loader, builder, edits, the C ABI, applications that pass text in) checks text
/// with these, so that whatever is accepted saves and loads back unchanged.
#ifndef ORGNET_TEXT_H_
#define ORGNET_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

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

}  // namespace orgnet

#endif  // ORGNET_TEXT_H_
