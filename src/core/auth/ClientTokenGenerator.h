#pragma once

#include <QString>

namespace gb {

// A new client token for ALLOWED_TOKENS: "sk-gb-" and 40 characters of base64url from the
// system's cryptographic random source (240 bits), so it looks like the OpenAI-style keys
// that client apps expect and is redacted in logs like them.
QString generateClientToken();

} // namespace gb
