#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gb {

struct DotEnvEntry
{
    QString name;
    QString value;
    int line = 0;  // 1-based line where the entry starts
};

struct DotEnvFile
{
    QList<DotEnvEntry> entries;  // in file order; a later duplicate wins when applied
    QStringList errors;          // "line 7: ..." for lines that are not NAME=VALUE
};

// Parses .env text as python-dotenv does: NAME=VALUE lines, optional `export `, blank
// lines and # comments, unquoted values with trailing " # comment" stripped, 'single'
// (literal) and "double" quoted values (\n \t \" \\ escapes; may span lines), and
// whitespace around the name and '=' ignored. Bad UTF-8 is an error for that line.
DotEnvFile parseDotEnv(const QByteArray &content);

} // namespace gb
