#include "store/UtcText.h"

#include <QDateTime>

namespace gb {

namespace {

// Floor division: the right day and second for times before the epoch too.
qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

void appendDigits(char16_t *&out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += width;
}

} // namespace

QString utcDateTimeText(qint64 msSinceEpoch)
{
    const qint64 seconds = floorDiv(msSinceEpoch, 1000);
    const qint64 days = floorDiv(seconds, 86400);
    const qint64 secondOfDay = seconds - days * 86400;
    // Proleptic Gregorian date from days since 1970-01-01 (eras of 400 years, March-based years).
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;  // 0 = March
    const qint64 day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const qint64 month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)  // outside what four digits say: as QDateTime writes it
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss");

    QString text(19, Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(text.data());
    appendDigits(out, year, 4);
    *out++ = u'-';
    appendDigits(out, month, 2);
    *out++ = u'-';
    appendDigits(out, day, 2);
    *out++ = u' ';
    appendDigits(out, secondOfDay / 3600, 2);
    *out++ = u':';
    appendDigits(out, secondOfDay / 60 % 60, 2);
    *out++ = u':';
    appendDigits(out, secondOfDay % 60, 2);
    return text;
}

} // namespace gb
