#include "SingleInstance.h"

#include "common/LogCategories.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalSocket>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr QByteArrayView kRaise = "raise\n";
}

SingleInstance::SingleInstance(const QString &serverName, QObject *parent) : QObject(parent), m_name(serverName)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                // Only the one request there is; anything else is ignored.
                if (socket->readAll().startsWith(kRaise))
                    emit raiseRequested();
                socket->disconnectFromServer();
            });
        }
    });
}

QString SingleInstance::serverNameFor(const QString &dataDir)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray identity = (user + u'\n' + QDir::cleanPath(QDir(dataDir).absolutePath())).toUtf8();
    return u"gembalance-"_s
           + QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(24));
}

bool SingleInstance::claim()
{
    {
        QLocalSocket socket;
        socket.connectToServer(m_name);
        if (socket.waitForConnected(1000)) {
            socket.write(kRaise.data(), kRaise.size());
            socket.waitForBytesWritten(1000);
            socket.disconnectFromServer();
            return false;
        }
    }
    // Nobody answered: a socket file left by a crash is stale.
    QLocalServer::removeServer(m_name);
    if (!m_server.listen(m_name))
        qCWarning(lcGui).noquote() << "single instance: cannot listen on" << m_name << m_server.errorString();
    return true;
}

} // namespace gb
