// The validator: semantic checks over a Definition (references, reachability, a path to an end,
// retry bounds, paths and expressions). Returns every diagnostic; never throws.
#pragma once

#include "signalbox/definition.h"
#include "signalbox/diagnostics.h"

namespace Signalbox {

void validateDefinition(const Definition &def, Diagnostics &diags);

} // namespace Signalbox
