#include "keys/KeyTextExtractor.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gb {

ExtractedKeys extractApiKeys(const QString &text, const QStringList &existing)
{
    // The look-around keeps "xAIza..." or a 40-character run from yielding a false key.
    static const QRegularExpression pattern(u"(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"_s);
    ExtractedKeys out;
    QSet<QString> seen;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QString key = it.next().captured(0);
        ++out.matches;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        out.keys.append(key);
    }
    out.duplicates = out.matches - int(out.keys.size());
    const QSet<QString> present(existing.cbegin(), existing.cend());
    for (const QString &key : std::as_const(out.keys)) {
        if (present.contains(key))
            ++out.alreadyPresent;
        else
            out.newKeys.append(key);
    }
    return out;
}

} // namespace gb
