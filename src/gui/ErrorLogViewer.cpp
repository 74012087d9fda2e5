#include "ErrorLogViewer.h"

#include "ErrorLogModel.h"
#include "api/AdminParams.h"
#include "ui_ErrorLogViewer.h"

#include <QDateTime>
#include <QHeaderView>
#include <QIntValidator>
#include <QMessageBox>
#include <QScrollBar>
#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace gb {

ErrorLogViewer::ErrorLogViewer(QueryRunner *queries, QWidget *parent)
    : QWidget(parent), ui(new Ui::ErrorLogViewer), m_model(new ErrorLogModel(queries, this))
{
    ui->setupUi(this);
    ui->errorTable->setModel(m_model);
    ui->errorTable->verticalHeader()->setVisible(false);
    ui->errorTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    ui->errorTable->verticalHeader()->setDefaultSectionSize(ui->errorTable->fontMetrics().height() + 6);
    ui->errorTable->horizontalHeader()->setSectionResizeMode(ErrorLogModel::TypeColumn, QHeaderView::Stretch);
    // Newest first, as the model starts; sorting then follows the header (in the database).
    ui->errorTable->horizontalHeader()->setSortIndicator(ErrorLogModel::IdColumn, Qt::DescendingOrder);
    ui->errorTable->setSortingEnabled(true);

    ui->keySearchEdit->setPlaceholderText(tr("Key (hint or full key)"));
    ui->errorSearchEdit->setPlaceholderText(tr("Error type or text"));
    ui->errorCodeEdit->setPlaceholderText(tr("Status code"));
    ui->errorCodeEdit->setValidator(new QIntValidator(0, 999, ui->errorCodeEdit));
    ui->modelFilterEdit->setPlaceholderText(tr("Model"));
    const QDateTime now = QDateTime::currentDateTime();
    ui->fromEdit->setDateTime(now.addDays(-1));
    ui->toEdit->setDateTime(now);
    ui->fromEdit->setEnabled(false);
    ui->toEdit->setEnabled(false);
    for (int size : {10, 25, 50, 100, 200})
        ui->pageSizeCombo->addItem(tr("%1 per page").arg(size), size);
    ui->pageSizeCombo->setCurrentIndex(ui->pageSizeCombo->findData(m_model->pageSize()));

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(kFilterDelayMs);
    connect(&m_filterDelay, &QTimer::timeout, this, &ErrorLogViewer::applyFilter);
    for (QLineEdit *edit : {ui->keySearchEdit, ui->errorSearchEdit, ui->errorCodeEdit, ui->modelFilterEdit}) {
        connect(edit, &QLineEdit::textEdited, &m_filterDelay, qOverload<>(&QTimer::start));
        connect(edit, &QLineEdit::returnPressed, this, &ErrorLogViewer::applyFilter);
    }
    connect(ui->fromCheck, &QCheckBox::toggled, ui->fromEdit, &QWidget::setEnabled);
    connect(ui->toCheck, &QCheckBox::toggled, ui->toEdit, &QWidget::setEnabled);
    for (QCheckBox *check : {ui->fromCheck, ui->toCheck})
        connect(check, &QCheckBox::toggled, &m_filterDelay, qOverload<>(&QTimer::start));
    for (QDateTimeEdit *edit : {ui->fromEdit, ui->toEdit})
        connect(edit, &QDateTimeEdit::dateTimeChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(ui->applyFilterButton, &QPushButton::clicked, this, &ErrorLogViewer::applyFilter);
    connect(ui->refreshButton, &QPushButton::clicked, m_model, &ErrorLogModel::reload);
    connect(ui->previousPageButton, &QPushButton::clicked, this, [this] { m_model->setPage(m_model->page() - 1); });
    connect(ui->nextPageButton, &QPushButton::clicked, this, [this] { m_model->setPage(m_model->page() + 1); });
    connect(ui->pageSizeCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setPageSize(ui->pageSizeCombo->currentData().toInt()); });
    connect(ui->deleteSelectedButton, &QPushButton::clicked, this, &ErrorLogViewer::deleteSelected);
    connect(ui->deleteAllButton, &QPushButton::clicked, this, &ErrorLogViewer::deleteAll);
    connect(ui->errorTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ErrorLogViewer::showSelected);

    connect(m_model, &ErrorLogModel::loaded, this, [this] {
        if (std::exchange(m_showsLoadError, false))
            ui->statusLabel->clear();  // a deletion's message stays
        updateControls();
    });
    connect(m_model, &ErrorLogModel::loadFailed, this, [this](const QString &error) {
        ui->statusLabel->setText(tr("Error log unavailable: %1").arg(error));
        m_showsLoadError = true;
        updateControls();
    });
    // A reload (by itself, or after a delete) keeps the rows that were selected and the
    // scroll position; the details pane stays when its entry is still the one selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_selectedBeforeReset = selectedIds();
        m_scrollBeforeReset = ui->errorTable->verticalScrollBar()->value();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ErrorLogViewer::restoreSelection);
    m_autoRefresh.setInterval(kAutoRefreshMs);
    connect(&m_autoRefresh, &QTimer::timeout, this, &ErrorLogViewer::autoRefresh);
    connect(m_model, &ErrorLogModel::detailsReady, this, [this](const errorlogs::ErrorLogRow &row) {
        if (row.id == m_shownId)
            ui->errorDetailsText->setPlainText(ErrorLogModel::detailsText(row, QTimeZone::systemTimeZone()));
    });
    connect(m_model, &ErrorLogModel::detailsFailed, this, [this](qint64 id, const QString &error) {
        if (id == m_shownId)
            ui->errorDetailsText->setPlainText(tr("Details unavailable: %1").arg(error));
    });
    connect(m_model, &ErrorLogModel::removed, this,
            [this](qint64 count) { ui->statusLabel->setText(tr("Deleted %n entries.", nullptr, int(count))); });
    connect(m_model, &ErrorLogModel::removeFailed, this,
            [this](const QString &error) { ui->statusLabel->setText(tr("Not deleted: %1").arg(error)); });
    updateControls();
}

ErrorLogViewer::~ErrorLogViewer() = default;

void ErrorLogViewer::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_autoRefresh.start();
    if (std::exchange(m_loadedOnce, true)) {
        autoRefresh();  // shown again: what came in while hidden
        return;
    }
    m_model->setFilter(currentFilter());
}

void ErrorLogViewer::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_autoRefresh.stop();  // no queries while nobody looks
}

void ErrorLogViewer::autoRefresh()
{
    if (!isVisible() || m_model->isLoading())
        return;  // one query at a time: the next tick tries again
    m_model->reload();
}

void ErrorLogViewer::restoreSelection()
{
    const QList<qint64> wanted = std::exchange(m_selectedBeforeReset, {});
    QItemSelectionModel *selection = ui->errorTable->selectionModel();
    QItemSelection rows;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (wanted.contains(m_model->rowAt(row).id))
            rows.select(m_model->index(row, 0), m_model->index(row, ErrorLogModel::ColumnCount - 1));
    }
    {
        const QSignalBlocker block(selection);  // the same selection: no new details query
        selection->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (!rows.isEmpty())
            selection->setCurrentIndex(rows.first().topLeft(), QItemSelectionModel::NoUpdate);
    }
    ui->errorTable->verticalScrollBar()->setValue(m_scrollBeforeReset);
    ui->errorTable->viewport()->update();
    const QList<qint64> kept = selectedIds();
    if (kept.size() == 1 && kept.first() == m_shownId) {
        updateControls();
        return;  // the details pane still shows the selected entry
    }
    showSelected();
}

errorlogs::ListFilter ErrorLogViewer::currentFilter() const
{
    errorlogs::ListFilter f;
    f.keySearch = ui->keySearchEdit->text().trimmed();
    if (!f.keySearch.isEmpty())
        f.keyIdExact = adminparams::keyIdOf(f.keySearch);  // a full key (or key_id) finds its rows
    f.errorSearch = ui->errorSearchEdit->text().trimmed();
    f.modelSearch = ui->modelFilterEdit->text().trimmed();
    bool isNumber = false;
    const int code = ui->errorCodeEdit->text().trimmed().toInt(&isNumber);
    if (isNumber)
        f.errorCode = code;
    if (ui->fromCheck->isChecked())
        f.fromMs = ui->fromEdit->dateTime().toMSecsSinceEpoch();
    if (ui->toCheck->isChecked())
        f.toMs = ui->toEdit->dateTime().toMSecsSinceEpoch() + 59'999;  // the shown minute, whole
    return f;
}

void ErrorLogViewer::applyFilter()
{
    m_filterDelay.stop();
    m_loadedOnce = true;
    m_model->setFilter(currentFilter());
}

QList<qint64> ErrorLogViewer::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = ui->errorTable->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(ErrorLogModel::IdRole).toLongLong());
    return ids;
}

void ErrorLogViewer::showSelected()
{
    updateControls();
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        m_shownId = 0;
        ui->errorDetailsText->clear();
        return;
    }
    m_shownId = ids.first();
    ui->errorDetailsText->setPlainText(tr("Loading…"));
    m_model->requestDetails(m_shownId);
}

void ErrorLogViewer::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete error log entries"),
                                              tr("Delete %n selected entries?", nullptr, int(ids.size())));
    if (answer == QMessageBox::Yes)
        m_model->removeIds(ids);
}

void ErrorLogViewer::deleteAll()
{
    const auto answer = QMessageBox::question(this, tr("Delete error log entries"),
                                              tr("Delete every entry of the error log, not only those shown?"));
    if (answer == QMessageBox::Yes)
        m_model->removeAll();
}

void ErrorLogViewer::updateControls()
{
    const int pages = m_model->pageCount();
    ui->pageLabel->setText(tr("Page %1 of %2 (%n entries)", nullptr, int(m_model->total())).arg(m_model->page() + 1).arg(pages));
    ui->previousPageButton->setEnabled(m_model->page() > 0);
    ui->nextPageButton->setEnabled(m_model->page() + 1 < pages);
    ui->deleteSelectedButton->setEnabled(ui->errorTable->selectionModel()->hasSelection());
    ui->deleteAllButton->setEnabled(m_model->total() > 0);
}

} // namespace gb
