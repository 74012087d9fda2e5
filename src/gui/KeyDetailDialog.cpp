#include "KeyDetailDialog.h"

#include "ErrorLogModel.h"
#include "KeyTableModel.h"
#include "KeyUsageModel.h"
#include "common/Clock.h"
#include "common/Redact.h"
#include "keys/KeyHealthSummary.h"
#include "store/KeyStateStore.h"
#include "store/StatsQueries.h"
#include "ui_KeyDetailDialog.h"

#include <QDateTime>
#include <QHeaderView>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
constexpr int kRecentErrors = 100;

QString timeText(qint64 ms, const QTimeZone &zone)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s)
                  : KeyDetailDialog::tr("never");
}
} // namespace

KeyDetailDialog::KeyDetailDialog(const KeyState &state, qint64 nowMs, QueryRunner *queries, const Clock *clock,
                                 QWidget *parent)
    : QDialog(parent), ui(new Ui::KeyDetailDialog), m_key(state.key), m_keyId(KeyStateStore::keyId(state.key)),
      m_clock(clock), m_usage(new KeyUsageModel(queries, this)), m_errors(new ErrorLogModel(queries, this))
{
    if (!m_clock) {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    ui->setupUi(this);
    setWindowTitle(tr("Key %1").arg(redact::secret(m_key)));
    ui->usageTable->setModel(m_usage);
    ui->usageTable->verticalHeader()->setVisible(false);
    ui->usageTable->horizontalHeader()->setSectionResizeMode(KeyUsageModel::ModelColumn, QHeaderView::Stretch);
    ui->errorTable->setModel(m_errors);
    ui->errorTable->verticalHeader()->setVisible(false);
    ui->errorTable->horizontalHeader()->setSectionResizeMode(ErrorLogModel::TypeColumn, QHeaderView::Stretch);
    ui->errorTable->hideColumn(ErrorLogModel::KeyColumn);  // always this key
    ui->usageRangeCombo->addItem(tr("Last 24 hours"), stats::kDayMs);
    ui->usageRangeCombo->addItem(tr("Last 7 days"), 7 * stats::kDayMs);
    connect(ui->usageRangeCombo, &QComboBox::currentIndexChanged, this, &KeyDetailDialog::loadUsage);
    connect(ui->closeButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_usage, &KeyUsageModel::loaded, this, [this] {
        ui->usageStatusLabel->setText(m_usage->rowCount() == 0 ? tr("No calls in this range.") : QString());
    });
    connect(m_usage, &KeyUsageModel::loadFailed, this,
            [this](const QString &error) { ui->usageStatusLabel->setText(tr("Usage unavailable: %1").arg(error)); });
    connect(m_errors, &ErrorLogModel::loaded, this, [this] {
        ui->errorsStatusLabel->setText(m_errors->total() == 0 ? tr("No errors in the log for this key.")
                                                              : tr("The latest %1 of %2 errors.")
                                                                    .arg(m_errors->rowCount())
                                                                    .arg(m_errors->total()));
    });
    connect(m_errors, &ErrorLogModel::loadFailed, this,
            [this](const QString &error) { ui->errorsStatusLabel->setText(tr("Errors unavailable: %1").arg(error)); });
    connect(ui->errorTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KeyDetailDialog::showSelectedError);
    connect(m_errors, &QAbstractItemModel::modelReset, this, [this] { ui->errorDetailText->clear(); });
    connect(m_errors, &ErrorLogModel::detailsReady, this, [this](const errorlogs::ErrorLogRow &row) {
        ui->errorDetailText->setPlainText(ErrorLogModel::detailsText(row, m_zone));
    });
    connect(m_errors, &ErrorLogModel::detailsFailed, this, [this](qint64, const QString &error) {
        ui->errorDetailText->setPlainText(tr("Details unavailable: %1").arg(error));
    });

    setState(state, nowMs);
    loadUsage();
    errorlogs::ListFilter errors;
    errors.keyIdExact = m_keyId;  // this key only
    errors.sortBy = errorlogs::SortColumn::RequestTime;
    errors.ascending = false;
    errors.limit = kRecentErrors;
    m_errors->setQuery(errors);
}

KeyDetailDialog::~KeyDetailDialog() = default;

void KeyDetailDialog::setState(const KeyState &state, qint64 nowMs)
{
    if (state.key != m_key)
        return;
    ui->keyHintLabel->setText(redact::secret(state.key));
    QString condition = KeyTableModel::conditionText(keyCondition(state, nowMs));
    if (state.isDisabled())
        condition += u" ("_s + disableReasonName(state.disabled) + u')';
    ui->stateLabel->setText(condition);
    ui->failuresLabel->setText(QString::number(state.failures));
    ui->totalsLabel->setText(tr("%1 succeeded, %2 failed").arg(state.successes).arg(state.failuresTotal));
    ui->lastUsedLabel->setText(timeText(state.lastUsedMs, m_zone));
    ui->lastErrorLabel->setText(state.lastError.isEmpty() ? tr("none") : state.lastError);
    QStringList resting;
    for (auto it = state.cooldowns.cbegin(); it != state.cooldowns.cend(); ++it) {
        if (it->untilMs > nowMs)
            resting << tr("%1 for %2 (%3)").arg(it.key(), KeyTableModel::durationText(it->untilMs - nowMs), it->reason);
    }
    resting.sort();
    ui->cooldownLabel->setText(resting.isEmpty() ? tr("no model") : resting.join(u'\n'));
}

void KeyDetailDialog::loadUsage()
{
    const qint64 now = m_clock->nowMs();
    m_usage->load(m_keyId, now - ui->usageRangeCombo->currentData().toLongLong(), now + 1);
}

void KeyDetailDialog::showSelectedError()
{
    const QModelIndexList rows = ui->errorTable->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        ui->errorDetailText->clear();
        return;
    }
    ui->errorDetailText->setPlainText(tr("Loading…"));
    m_errors->requestDetails(rows.first().data(ErrorLogModel::IdRole).toLongLong());
}

} // namespace gb
