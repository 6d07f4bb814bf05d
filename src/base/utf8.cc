#include "base/utf8.h"

#include <cstdint>
#include <cstring>

#include "base/text.h"

namespace orgnet {

std::size_t ValidTextPrefix(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  constexpr std::uint64_t kLow = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  std::size_t i = 0;
  while (i < n) {
    // ASCII without NUL, eight bytes at a time (a zero byte sets its high bit in w - kLow).
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (((w | ((w - kLow) & ~w)) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Chinese text: a three-byte character whose lead byte puts no limit on its second byte
    // (E1-EC, EE-EF), checked without the general path's branches.
    auto plain_three = [&](std::size_t at) {
      const unsigned char lead = s[at];
      return ((lead >= 0xE1 && lead <= 0xEC) | (lead == 0xEE) | (lead == 0xEF)) && at + 3 <= n &&
             ((s[at + 1] & 0xC0) == 0x80) && ((s[at + 2] & 0xC0) == 0x80);
    };
    if (plain_three(i)) {
      do {
        i += 3;
      } while (i < n && plain_three(i));
      continue;
    }
    std::size_t length;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return n;
}

std::string InvalidTextReason(std::string_view text, std::size_t at) {
  return InvalidTextReason(text, at, at == 0);
}

std::string InvalidTextReason(std::string_view text, std::size_t at, bool starts_file) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[at]);
  // UTF-16 puts a NUL beside every ASCII character, and starts with FF FE or FE FF.
  const bool utf16_bom = starts_file && text.size() >= at + 2 &&
                         ((byte == 0xFF && static_cast<unsigned char>(text[at + 1]) == 0xFE) ||
                          (byte == 0xFE && static_cast<unsigned char>(text[at + 1]) == 0xFF));
  if (byte == 0) {
    return "NUL byte (0x00): text holds none; a file saved as UTF-16 has one beside every "
           "ASCII character (save it as UTF-8)";
  }
  std::string reason = internal::Cat("invalid UTF-8 (byte 0x", kDigits[byte >> 4], kDigits[byte & 15], ")");
  if (utf16_bom) reason += ": the file starts with a UTF-16 byte-order mark (save it as UTF-8)";
  return reason;
}

}  // namespace orgnet
