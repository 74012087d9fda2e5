// .env files and setting values: every entry of a parsed .env goes through its setting's
// parser, as start-up does.
#include "FuzzInput.h"
#include "settings/DotEnv.h"
#include "settings/SettingSpec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const gb::DotEnvFile file = gb::parseDotEnv(gb::fuzz::bytes(data, size));
    for (const gb::DotEnvEntry &entry : file.entries) {
        if (const gb::SettingSpec *spec = gb::findSettingSpec(entry.name)) {
            const auto parsed = gb::parseSettingText(*spec, entry.value);
            if (parsed.ok()) {
                // What parses formats back to text that parses to the same value.
                const QString text = gb::formatSettingText(*spec, parsed.value());
                const auto again = gb::parseSettingText(*spec, text);
                gb::fuzz::check(again.ok() && again.value() == parsed.value(), "format/parse round trip");
            }
        }
    }
    return 0;
}
