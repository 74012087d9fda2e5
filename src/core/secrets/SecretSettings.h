#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace gb {

class SecretStore;

// Secret settings (SettingSpec::isSecret) kept in a SecretStore instead of t_settings.
// The t_settings row then holds only a marker saying where the value is, never the value.
namespace secretsettings {

// The value of a t_settings row whose secret lives in the store.
QString marker();
bool isMarker(const QString &rowValue);
// The store entry of setting `name` for one data folder (`scope`), so two data folders
// do not share (or overwrite) each other's secrets.
QString entryKey(const QString &scope, const QString &name);

struct StartRows
{
    QHash<QString, QString> rows;        // t_settings as it should be read: markers replaced by their values
    QHash<QString, QString> markerRows;  // rows to write back: secrets moved into the store at this start
    QStringList fromStore;               // names whose value came from the store
    QStringList moved;                   // names moved from the database into the store
    QStringList warnings;                // for the log; never contain a value
    bool storeAnswered = true;           // false: the store failed or did not answer in time
};

// At start, on the store's thread (the main thread): reads every marked secret from the
// store and moves every secret still written in the database into it, all in parallel,
// waiting at most `timeoutMs` in total. Rows the store cannot give back are dropped with
// a warning (the .env/environment value applies); rows it cannot take stay as they are.
// Without a store (nullptr) marker rows are dropped with a warning and the rest is unchanged.
StartRows resolveAtStart(SecretStore *store, const QString &scope, const QHash<QString, QString> &rows,
                         int timeoutMs);

} // namespace secretsettings
} // namespace gb
