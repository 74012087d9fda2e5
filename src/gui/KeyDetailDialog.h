#pragma once

#include "keys/KeyState.h"

#include <QDialog>
#include <QTimeZone>

#include <memory>

namespace Ui { class KeyDetailDialog; }

namespace gb {

class Clock;
class ErrorLogModel;
class KeyUsageModel;
class QueryRunner;

// One key in detail: its state in the pool (from the snapshots), its calls, failures and
// tokens per model over the last 24 hours or 7 days, and its recent errors from the error
// log (that key's key_id only), with an error's details on selection. Shows the key's hint,
// never the key.
class KeyDetailDialog : public QDialog
{
    Q_OBJECT
public:
    // `queries` may be null (no database: the usage and errors say so). `clock` null: the
    // system clock; it must outlive the dialog.
    KeyDetailDialog(const KeyState &state, qint64 nowMs, QueryRunner *queries, const Clock *clock = nullptr,
                    QWidget *parent = nullptr);
    ~KeyDetailDialog() override;

    const QString &key() const { return m_key; }
    QString keyId() const { return m_keyId; }
    void setState(const KeyState &state, qint64 nowMs);  // a newer snapshot of the same key
    KeyUsageModel *usageModel() const { return m_usage; }
    ErrorLogModel *errorModel() const { return m_errors; }

private:
    void loadUsage();
    void showSelectedError();

    std::unique_ptr<Ui::KeyDetailDialog> ui;
    QString m_key;  // to match snapshots; never shown
    QString m_keyId;
    const Clock *m_clock;
    std::unique_ptr<Clock> m_ownClock;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    KeyUsageModel *m_usage;
    ErrorLogModel *m_errors;
};

} // namespace gb
