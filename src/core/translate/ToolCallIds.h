#pragma once

#include <QByteArray>
#include <QString>

namespace gb {

// OpenAI clients keep tool call ids verbatim and send them back (in the assistant message's
// tool_calls and in the tool message's tool_call_id), but they drop fields they do not know.
// So a Gemini 3 thoughtSignature rides inside the id and comes back with it:
//   "call_" + 24 random [A-Za-z0-9]                    no signature
//   "call_" + 24 random + "_ts_" + base64url(signature)  with one (no padding)
namespace toolcallid {

// thoughtSignature: the signature's bytes, i.e. QByteArray::fromBase64() of the
// "thoughtSignature" string of Gemini's part. (The request translator also accepts ids
// made from that base64 text itself, so either works; the bytes give shorter ids.)
QString make(const QByteArray &thoughtSignature = {});
// The signature carried in an id made by make(), or an empty array.
QByteArray signatureOf(const QString &id);

} // namespace toolcallid
} // namespace gb
