#include "KeysPage.h"

#include "KeyDetailDialog.h"
#include "KeyFilterModel.h"
#include "KeyTableModel.h"
#include "PasteKeysDialog.h"
#include "api/AdminParams.h"
#include "common/Redact.h"
#include "settings/Settings.h"
#include "store/QueryRunner.h"
#include "store/StatsQueries.h"
#include "ui_KeysPage.h"

#include <QDateTime>
#include <QTimeZone>

#include <memory>
#include <optional>

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace gb {

KeysPage::KeysPage(ProxyLink *link, QueryRunner *queries, QWidget *parent)
    : QWidget(parent), ui(new Ui::KeysPage), m_link(link), m_model(new KeyTableModel(this)),
      m_filter(new KeyFilterModel(this)), m_queries(queries)
{
    ui->setupUi(this);
    m_filter->setSourceModel(m_model);
    ui->keyTable->setModel(m_filter);
    ui->keyTable->sortByColumn(-1, Qt::AscendingOrder);  // configured order until a header is clicked
    ui->keyTable->horizontalHeader()->setSectionResizeMode(KeyTableModel::LastErrorColumn, QHeaderView::Stretch);
    ui->keyTable->verticalHeader()->setVisible(false);
    ui->keyTable->verticalHeader()->setDefaultSectionSize(ui->keyTable->fontMetrics().height() + 6);

    ui->stateFilterCombo->addItem(tr("All keys"), -1);
    ui->stateFilterCombo->addItem(tr("Active"), int(KeyCondition::Active));
    ui->stateFilterCombo->addItem(tr("Cooling"), int(KeyCondition::Cooling));
    ui->stateFilterCombo->addItem(tr("Disabled"), int(KeyCondition::Disabled));
    ui->keyFilterEdit->setPlaceholderText(tr("Filter by key or error"));
    ui->operationProgress->setVisible(false);

    connect(ui->stateFilterCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setConditionFilter(ui->stateFilterCombo->currentData().toInt()); });
    connect(ui->keyFilterEdit, &QLineEdit::textChanged, m_filter, &KeyFilterModel::setTextFilter);
    connect(ui->pasteKeysButton, &QPushButton::clicked, this, &KeysPage::pasteKeys);
    connect(ui->verifyButton, &QPushButton::clicked, this, [this] { run(ProxyLink::KeyOperation::Verify); });
    connect(ui->resetButton, &QPushButton::clicked, this, [this] { run(ProxyLink::KeyOperation::ResetFailures); });
    connect(ui->enableButton, &QPushButton::clicked, this, [this] { run(ProxyLink::KeyOperation::Enable); });
    connect(ui->disableButton, &QPushButton::clicked, this, [this] { run(ProxyLink::KeyOperation::Disable); });
    connect(ui->deleteButton, &QPushButton::clicked, this, &KeysPage::deleteSelected);
    connect(ui->copyKeyButton, &QPushButton::clicked, this, &KeysPage::copySelected);
    connect(ui->keyTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysPage::updateButtons);
    connect(ui->detailsButton, &QPushButton::clicked, this, [this] {
        if (const QStringList keys = selectedKeys(); keys.size() == 1)
            openDetails(keys.first());
    });
    connect(ui->keyTable, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) { openDetails(index.data(KeyTableModel::KeyRole).toString()); });

    connect(m_link, &ProxyLink::snapshotReady, this, [this](const ServerSnapshot &s) {
        m_model->setStates(s.keys, s.nowMs);
        updateButtons();
        m_details.removeAll(nullptr);
        for (const QPointer<KeyDetailDialog> &dialog : std::as_const(m_details))
            if (const int row = m_model->rowOf(dialog->key()); row >= 0)
                dialog->setState(m_model->stateAt(row), s.nowMs);
    });
    // "shown of total" follows both the pool and the filter.
    const auto updateCount = [this] {
        ui->keyCountLabel->setText(tr("%1 of %n key(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
    };
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, updateCount);
    connect(m_link, &ProxyLink::operationProgress, this, &KeysPage::showProgress);
    connect(m_link, &ProxyLink::operationFinished, this, &KeysPage::showFinished);
    const ServerSnapshot &s = m_link->snapshot();
    m_model->setStates(s.keys, s.nowMs);
    updateCount();
    updateButtons();
    m_usageTimer.setInterval(60'000);
    connect(&m_usageTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshUsageToday();
    });
    m_usageTimer.start();
    if (Settings *settings = m_link->settings()) {
        connect(settings, &Settings::changed, this, [this](const QStringList &names) {
            if (names.contains(u"TIMEZONE"_s))
                refreshUsageToday();
        });
    }
    refreshUsageToday();
}

void KeysPage::refreshUsageToday()
{
    if (!m_queries)
        return;
    if (m_usageInFlight) {
        m_usageAgain = true;  // asked while a query runs (e.g. TIMEZONE changed): once more after it
        return;
    }
    m_usageInFlight = true;
    // Today in TIMEZONE, the day of the dashboard and of the admin API's statistics (the
    // system's zone when it is not set).
    const QTimeZone zone =
        m_link->settings() ? adminparams::zoneOf(*m_link->settings()->snapshot()) : QTimeZone::systemTimeZone();
    const QDateTime now = QDateTime::currentDateTime().toTimeZone(zone);
    const qint64 from = now.date().startOfDay(zone).toMSecsSinceEpoch(), to = now.toMSecsSinceEpoch() + 1;
    auto rows = std::make_shared<std::optional<Result<QList<stats::TokenUsageRow>>>>();
    m_queries->post(
        [rows, from, to, zone](Database &db) {
            *rows = stats::tokenUsage(db, stats::TokenGroup::Key, from, to, zone);
            return QVariant();
        },
        this, [this, rows](const QVariant &) {
            m_usageInFlight = false;
            if (std::exchange(m_usageAgain, false)) {
                refreshUsageToday();
                return;
            }
            if (!rows->has_value() || !(*rows)->ok())
                return;  // no database or a failed query: the columns keep their last numbers
            QHash<QString, KeyTableModel::UsageToday> usage;
            for (const stats::TokenUsageRow &r : (*rows)->value())
                usage.insert(r.group, {r.totals.requests, r.totals.totalTokens()});
            m_model->setUsageToday(usage);
        });
}

KeysPage::~KeysPage() = default;

QStringList KeysPage::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList rows = ui->keyTable->selectionModel()->selectedRows();
    keys.reserve(rows.size());
    for (const QModelIndex &row : rows)
        keys.append(row.data(KeyTableModel::KeyRole).toString());
    return keys;
}

void KeysPage::updateButtons()
{
    const int selected = int(ui->keyTable->selectionModel()->selectedRows().size());
    const bool idle = !m_link->isBusy();
    for (QPushButton *b : {ui->verifyButton, ui->resetButton, ui->enableButton, ui->disableButton, ui->deleteButton})
        b->setEnabled(idle && selected > 0);
    ui->copyKeyButton->setEnabled(selected == 1);
    ui->detailsButton->setEnabled(selected == 1);
}

KeyDetailDialog *KeysPage::openDetails(const QString &key)
{
    const int row = m_model->rowOf(key);
    if (row < 0)
        return nullptr;
    m_details.removeAll(nullptr);
    for (const QPointer<KeyDetailDialog> &open : std::as_const(m_details)) {
        if (open->key() == key) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    auto *dialog = new KeyDetailDialog(m_model->stateAt(row), m_model->nowMs(), m_queries, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_details.append(dialog);
    dialog->show();
    return dialog;
}

void KeysPage::pasteKeys()
{
    PasteKeysDialog dialog(m_link->settings() ? m_link->settings()->snapshot()->apiKeys : QStringList(), this);
    if (dialog.exec() == QDialog::Accepted)
        addKeys(dialog.newKeys());
}

void KeysPage::addKeys(const QStringList &keys)
{
    if (keys.isEmpty())
        return;
    if (const QString error = m_link->addKeys(keys); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Add keys"), error);
        return;
    }
    ui->operationStatusLabel->setText(tr("Added %n key(s).", nullptr, int(keys.size())));
}

void KeysPage::run(ProxyLink::KeyOperation operation)
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty() || !m_link->runKeyOperation(operation, keys))
        return;
    updateButtons();
}

void KeysPage::deleteSelected()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete keys"), tr("Remove %n key(s) from the pool?", nullptr, int(keys.size())));
    if (answer != QMessageBox::Yes)
        return;
    if (const QString error = m_link->removeKeys(keys); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Delete keys"), error);
        return;
    }
    ui->operationStatusLabel->setText(tr("Removed %n key(s).", nullptr, int(keys.size())));
}

void KeysPage::copySelected()
{
    const QStringList keys = selectedKeys();
    if (keys.size() == 1)
        QGuiApplication::clipboard()->setText(keys.first());
}

void KeysPage::showProgress(int done, int total)
{
    ui->operationProgress->setVisible(done < total);
    ui->operationProgress->setRange(0, qMax(1, total));
    ui->operationProgress->setValue(done);
}

void KeysPage::showFinished(ProxyLink::KeyOperation operation, int succeeded, const QStringList &failed,
                            const QStringList &errors)
{
    ui->operationProgress->setVisible(false);
    QString text;
    switch (operation) {
    case ProxyLink::KeyOperation::Verify:
        text = tr("Verified: %1 valid, %2 invalid.").arg(succeeded).arg(failed.size());
        if (!failed.isEmpty())
            text += u' ' + tr("First failure: %1 (%2)").arg(redact::secret(failed.first()), errors.value(0));
        break;
    case ProxyLink::KeyOperation::ResetFailures: text = tr("Reset %n key(s).", nullptr, succeeded); break;
    case ProxyLink::KeyOperation::Enable: text = tr("Enabled %n key(s).", nullptr, succeeded); break;
    case ProxyLink::KeyOperation::Disable: text = tr("Disabled %n key(s).", nullptr, succeeded); break;
    }
    ui->operationStatusLabel->setText(text);
    updateButtons();
}

} // namespace gb
