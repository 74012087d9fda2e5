#pragma once

#include <QString>

namespace gb {

// "yyyy-MM-dd HH:mm:ss" in UTC for milliseconds since the epoch: the text the request and
// error logs store next to the number (gemini-balance's DATETIME columns). Computed directly
// (days to civil date): QDateTime::toString cost ~6,700 instructions per log row.
QString utcDateTimeText(qint64 msSinceEpoch);

} // namespace gb
