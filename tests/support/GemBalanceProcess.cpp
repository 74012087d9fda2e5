#include "GemBalanceProcess.h"

#include <QDebug>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace gb::test {

QProcessEnvironment cleanGemBalanceEnvironment(const QString &home)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    env.insert(u"HOME"_s, home);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    return env;
}

quint16 startGemBalance(QProcess &process, const QStringList &args, const QProcessEnvironment &env, QByteArray *output)
{
    QByteArray local;
    QByteArray &out = output ? *output : local;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(GB_BINARY_PATH), args);
    if (!process.waitForStarted(5000))
        return 0;
    static const QRegularExpression listening(u"listening on https?://127\\.0\\.0\\.1:(\\d+)"_s);
    for (int i = 0; i < 100; ++i) {
        process.waitForReadyRead(100);
        out += process.readAll();
        if (const auto m = listening.match(QString::fromUtf8(out)); m.hasMatch())
            return quint16(m.captured(1).toUInt());
        if (process.state() != QProcess::Running)
            break;
    }
    qWarning().noquote() << "server output:" << out;
    return 0;
}

} // namespace gb::test
