#include "secrets/SecretSettings.h"

#include "secrets/SecretStore.h"
#include "settings/SettingSpec.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace gb::secretsettings {

QString marker()
{
    return u"@stored-in-system-keychain"_s;
}

bool isMarker(const QString &rowValue)
{
    return rowValue == marker();
}

QString entryKey(const QString &scope, const QString &name)
{
    return name + u" @ "_s + scope;
}

namespace {

// What the store answered, shared with callbacks that may come after the wait ended.
struct Answers
{
    QHash<QString, Result<QString>> reads;
    QHash<QString, Result<void>> writes;
    int pending = 0;
    bool waiting = true;
    QEventLoop loop;
};

} // namespace

StartRows resolveAtStart(SecretStore *store, const QString &scope, const QHash<QString, QString> &rows, int timeoutMs)
{
    StartRows out;
    out.rows = rows;
    QStringList toRead;
    QStringList toMove;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const SettingSpec *spec = findSettingSpec(it.key());
        if (isMarker(it.value()))
            toRead << it.key();
        else if (store && spec && spec->isSecret())
            toMove << it.key();
    }
    toRead.sort();
    toMove.sort();
    if (!store) {
        for (const QString &name : std::as_const(toRead)) {
            out.rows.remove(name);
            out.warnings << u"%1 was saved in the system keychain, which this start does not use; "
                            "the .env or environment value applies"_s.arg(name);
        }
        return out;
    }
    if (toRead.isEmpty() && toMove.isEmpty())
        return out;

    auto answers = std::make_shared<Answers>();
    answers->pending = int(toRead.size() + toMove.size());
    auto finishOne = [answers] {
        if (--answers->pending == 0 && answers->waiting)
            answers->loop.quit();
    };
    for (const QString &name : std::as_const(toRead))
        store->read(entryKey(scope, name), [answers, name, finishOne](Result<QString> r) {
            answers->reads.insert(name, std::move(r));
            finishOne();
        });
    for (const QString &name : std::as_const(toMove))
        store->write(entryKey(scope, name), rows.value(name), [answers, name, finishOne](Result<void> r) {
            answers->writes.insert(name, std::move(r));
            finishOne();
        });
    if (answers->pending > 0) {
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &answers->loop, &QEventLoop::quit);
        deadline.start(timeoutMs);
        answers->loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    answers->waiting = false;

    const QString where = store->displayName();
    for (const QString &name : std::as_const(toRead)) {
        const auto it = answers->reads.constFind(name);
        if (it != answers->reads.cend() && it->ok()) {
            out.rows.insert(name, it->value());
            out.fromStore << name;
            continue;
        }
        out.rows.remove(name);
        if (it == answers->reads.cend() || it->error() != SecretStore::notFoundError())
            out.storeAnswered = false;  // a missing entry (another data folder's marker) is no fault of the store
        out.warnings << (it == answers->reads.cend()
                             ? u"%1 is saved in the %2, which did not answer within %3 ms; the .env or "
                               "environment value applies at this start"_s.arg(name, where).arg(timeoutMs)
                             : u"%1 could not be read from the %2 (%3); the .env or environment value applies"_s.arg(
                                   name, where, it->error()));
    }
    for (const QString &name : std::as_const(toMove)) {
        const auto it = answers->writes.constFind(name);
        if (it != answers->writes.cend() && it->ok()) {
            out.markerRows.insert(name, marker());
            out.moved << name;
            continue;
        }
        out.storeAnswered = false;
        out.warnings << (it == answers->writes.cend()
                             ? u"%1 stays in the database: the %2 did not answer within %3 ms"_s.arg(name, where).arg(timeoutMs)
                             : u"%1 stays in the database: the %2 refused it (%3)"_s.arg(name, where, it->error()));
    }
    return out;
}

} // namespace gb::secretsettings
