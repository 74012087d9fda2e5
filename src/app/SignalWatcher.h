#pragma once

#include <QObject>

class QSocketNotifier;

namespace gb {

// Turns SIGINT/SIGTERM (and Ctrl+C / console close on Windows) into a Qt signal delivered
// on the main thread, so shutdown runs in the event loop and flushes everything.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace gb
