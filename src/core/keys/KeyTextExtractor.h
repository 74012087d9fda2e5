#pragma once

#include <QString>
#include <QStringList>

namespace gb {

// What a block of pasted text holds in Gemini API keys.
struct ExtractedKeys
{
    QStringList keys;      // every distinct key, in order of first appearance
    int matches = 0;       // every key-shaped match, duplicates included
    int duplicates = 0;    // matches - keys.size()
    QStringList newKeys;   // keys not already in `existing` (see extractApiKeys)
    int alreadyPresent = 0;
};

// Finds Google API keys (AIza followed by 35 of [0-9A-Za-z_-]) anywhere in `text`: a .env
// line, a JSON list, a spreadsheet column, a chat message. A match glued to more key
// characters on either side is not a key and is skipped. `existing` (the pool's keys) is
// used to tell which keys are new.
ExtractedKeys extractApiKeys(const QString &text, const QStringList &existing = {});

} // namespace gb
