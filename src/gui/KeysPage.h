#pragma once

#include "ProxyLink.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui { class KeysPage; }

namespace gb {

class KeyDetailDialog;
class KeyFilterModel;
class KeyTableModel;
class QueryRunner;

// The key pool: a sortable, filterable table; add keys from pasted text; verify, reset,
// enable, disable, delete or copy the selected keys, with progress; a key's details
// (KeyDetailDialog, from the Details button or a double-click; `queries` may be null).
class KeysPage : public QWidget
{
    Q_OBJECT
public:
    explicit KeysPage(ProxyLink *link, QueryRunner *queries = nullptr, QWidget *parent = nullptr);
    ~KeysPage() override;

    KeyTableModel *model() const { return m_model; }
    KeyFilterModel *filterModel() const { return m_filter; }
    QStringList selectedKeys() const;

    // Adds keys as the paste dialog does (the dialog calls it); the message says what happened.
    void addKeys(const QStringList &keys);
    // Opens (or raises) the details of a key in the pool; null when the key is not there.
    KeyDetailDialog *openDetails(const QString &key);
    // Asks the database for today's calls and tokens per key (every minute by itself while
    // shown; one query at a time).
    void refreshUsageToday();

private:
    void pasteKeys();
    void run(ProxyLink::KeyOperation operation);
    void deleteSelected();
    void copySelected();
    void updateButtons();
    void showProgress(int done, int total);
    void showFinished(ProxyLink::KeyOperation operation, int succeeded, const QStringList &failed,
                      const QStringList &errors);

    std::unique_ptr<Ui::KeysPage> ui;
    ProxyLink *m_link;
    KeyTableModel *m_model;
    KeyFilterModel *m_filter;
    QueryRunner *m_queries;
    QList<QPointer<KeyDetailDialog>> m_details;  // open, fed each snapshot
    QTimer m_usageTimer;
    bool m_usageInFlight = false;
    bool m_usageAgain = false;  // a refresh was asked for while one ran
};

} // namespace gb
