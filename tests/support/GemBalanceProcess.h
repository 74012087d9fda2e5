#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace gb::test {

// The built gembalance binary (GB_BINARY_PATH) as a user runs it, for the tests that start
// the real process.

// An environment holding only PATH, HOME=`home` and QT_QPA_PLATFORM=offscreen, so nothing
// from the developer's shell (a real API_KEYS, a proxy) leaks into a test.
QProcessEnvironment cleanGemBalanceEnvironment(const QString &home);

// Starts the binary with `args` and `env` (stdout and stderr merged) and waits, at most
// 10 s, for its "listening on http(s)://127.0.0.1:PORT" line. Returns the port, or 0 when it
// did not start or exited (its output is then printed as a warning). Everything read so
// far is appended to `output` when given.
quint16 startGemBalance(QProcess &process, const QStringList &args, const QProcessEnvironment &env,
                        QByteArray *output = nullptr);

} // namespace gb::test
