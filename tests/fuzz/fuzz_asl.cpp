// Fuzz target: the ASL reader and writer must never crash, hang or throw, whatever the bytes.
#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Signalbox;
    const std::string text(reinterpret_cast<const char *>(data), size);
    Diagnostics diags;
    auto def = readAsl(text, "fuzz.asl.json", diags);
    if (!def)
        return 0;
    validateDefinition(*def, diags);
    Diagnostics exportDiags;
    (void)writeAsl(*def, exportDiags);
    (void)writeYaml(*def);
    return 0;
}
