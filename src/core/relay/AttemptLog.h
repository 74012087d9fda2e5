#pragma once

#include "store/LogRecords.h"

namespace gb {

// Where the relay reports every upstream attempt it made (one request log entry each, plus
// an error log entry for a failed one). Implementations are thread-safe and must return
// at once: they are called on the proxy thread, in the middle of serving a client, so
// they queue and never touch the database or wait for it (see LogQueue).
class AttemptLog
{
public:
    virtual ~AttemptLog() = default;
    virtual void record(RequestLogEntry entry) = 0;
    virtual void recordError(ErrorLogEntry entry) = 0;
};

} // namespace gb
