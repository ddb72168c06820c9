// Private: the ASL intrinsic functions themselves, applied to already evaluated arguments.
#pragma once

#include "intrinsicsparser.h"

#include "signalbox/intrinsics.h"

namespace Signalbox::Intrinsics {

// `call` gives the function name and how each argument was written (States.Format needs the raw
// text of a literal template); `args` holds the evaluated values in the same order.
std::optional<Json> apply(const Call &call, const std::vector<Json> &args, IntrinsicError *error);

// Limits from the Step Functions documentation.
constexpr int maxArrayRangeItems = 1000;
constexpr int maxEncodedLength = 10000; // Base64Encode / Base64Decode / Hash input characters

} // namespace Signalbox::Intrinsics
