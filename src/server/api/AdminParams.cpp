#include "api/AdminParams.h"

#include "settings/SettingsValues.h"
#include "store/KeyStateStore.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gb::adminparams {

QTimeZone zoneOf(const SettingsValues &settings)
{
    if (!settings.timezone.isEmpty()) {
        const QTimeZone zone(settings.timezone.toUtf8());
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::systemTimeZone();
}

std::optional<qint64> integer(const QString &text, qint64 fallback, qint64 min, qint64 max)
{
    if (text.trimmed().isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

std::optional<qint64> timePoint(const QString &raw, const QTimeZone &zone)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    static const QRegularExpression digits(u"^\\d{1,15}$"_s);
    if (digits.match(text).hasMatch())
        return text.toLongLong();
    QString iso = text;
    if (iso.size() > 10 && iso.at(10) == u' ')
        iso[10] = u'T';
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(iso, Qt::ISODate);
    if (!dt.isValid())
        return std::nullopt;
    // No Z or offset in the text: Qt reads it as local time; take it in the configured zone.
    static const QRegularExpression zoned(u"(Z|[+-]\\d\\d:?\\d\\d)$"_s);
    if (!zoned.match(iso).hasMatch())
        dt = QDateTime(dt.date(), dt.time(), zone);
    return dt.toMSecsSinceEpoch();
}

QString isoTime(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(Qt::ISODate);
}

QString keyIdOf(const QString &keyOrId)
{
    static const QRegularExpression hex64(u"^[0-9a-f]{64}$"_s);
    if (hex64.match(keyOrId).hasMatch())
        return keyOrId;
    return KeyStateStore::keyId(keyOrId);
}

} // namespace gb::adminparams
