// The library's message helpers live in the public orgnet/text.h; these names keep the
// internal spelling (internal::Cat, internal::Shown) that the sources use.
#ifndef ORGNET_SRC_BASE_TEXT_H_
#define ORGNET_SRC_BASE_TEXT_H_

#include "base/utf8.h"
#include "orgnet/text.h"

namespace orgnet::internal {
using orgnet::AppendPiece;
using orgnet::Cat;
using orgnet::CatTo;
using orgnet::kMaxShownValueBytes;
using orgnet::Shown;
}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_TEXT_H_
