#pragma once

#include <QString>

namespace gb {

class LogBuffer;

// Process-wide log output: a readable pattern (time, level, category) and a last-line
// redaction of anything shaped like a key, in case a message slipped one through.
void installLogHandler();
// Where every (redacted) log line is also kept for the log viewer; nullptr = nowhere.
// The buffer must outlive its installation: set nullptr before destroying it.
void setLogBuffer(LogBuffer *buffer);

// LOG_LEVEL (DEBUG, INFO, WARNING, ERROR, CRITICAL) as logging filter rules for every
// gb.* category. QT_LOGGING_RULES from the environment still wins.
void applyLogLevel(const QString &level);

} // namespace gb
