#pragma once

#include <QLocalServer>
#include <QObject>

namespace gb {

// One desktop instance per user and data folder: the first launch listens on a local
// socket, a later one connects, asks the first to show its window and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &serverName, QObject *parent = nullptr);

    // "gembalance-" and a hash of the user name and the data folder.
    static QString serverNameFor(const QString &dataDir);

    // true: this is the first instance (now listening). false: another one runs and was
    // asked to raise its window.
    bool claim();
    QString serverName() const { return m_name; }

signals:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer m_server;
};

} // namespace gb
