// The text check lives in the public orgnet/text.h; these names keep the internal spelling.
#ifndef ORGNET_SRC_BASE_UTF8_H_
#define ORGNET_SRC_BASE_UTF8_H_

#include "orgnet/text.h"

namespace orgnet::internal {
using orgnet::InvalidTextReason;
using orgnet::IsValidText;
using orgnet::ValidTextPrefix;
}  // namespace orgnet::internal

#endif  // ORGNET_SRC_BASE_UTF8_H_
