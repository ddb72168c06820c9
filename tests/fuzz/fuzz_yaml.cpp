// Fuzz target: the YAML reader, validator and writer must never crash, hang or throw, whatever
// the bytes; anything accepted must survive a write and re-read.
#include "signalbox/codecs.h"
#include "signalbox/validator.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Signalbox;
    const std::string text(reinterpret_cast<const char *>(data), size);
    Diagnostics diags;
    auto def = readYaml(text, "fuzz.yaml", diags);
    if (!def)
        return 0;
    validateDefinition(*def, diags);
    const std::string written = writeYaml(*def);
    Diagnostics again;
    (void)readYaml(written, "rewritten.yaml", again);
    (void)writeMermaid(*def);
    return 0;
}
