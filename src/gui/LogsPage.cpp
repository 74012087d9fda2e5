#include "LogsPage.h"

#include "ErrorLogViewer.h"
#include "LogFilterModel.h"
#include "LogModel.h"
#include "ui_LogsPage.h"

#include <QClipboard>
#include <algorithm>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace gb {

LogsPage::LogsPage(LogBuffer *buffer, QueryRunner *queries, QWidget *parent)
    : QWidget(parent), ui(new Ui::LogsPage), m_model(new LogModel(buffer, 10000, this)), m_filter(new LogFilterModel(this))
{
    ui->setupUi(this);
    m_errorLog = new ErrorLogViewer(queries, ui->logTabs);
    m_errorLog->setObjectName(u"errorLogViewer"_s);
    ui->logTabs->addTab(m_errorLog, tr("Error log (database)"));
    m_filter->setSourceModel(m_model);
    ui->logView->setModel(m_filter);
    ui->logView->verticalHeader()->setVisible(false);
    // Uniform rows keep 10k lines cheap: no per-row size computation.
    ui->logView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    ui->logView->verticalHeader()->setDefaultSectionSize(ui->logView->fontMetrics().height() + 4);
    ui->logView->horizontalHeader()->setSectionResizeMode(LogModel::MessageColumn, QHeaderView::Stretch);

    ui->levelFilterCombo->addItem(tr("Debug and above"), int(QtDebugMsg));
    ui->levelFilterCombo->addItem(tr("Info and above"), int(QtInfoMsg));
    ui->levelFilterCombo->addItem(tr("Warnings and errors"), int(QtWarningMsg));
    ui->levelFilterCombo->addItem(tr("Errors only"), int(QtCriticalMsg));
    ui->categoryFilterCombo->addItem(tr("All categories"), QString());
    ui->logSearchEdit->setPlaceholderText(tr("Search the messages"));

    connect(ui->levelFilterCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumLevel(QtMsgType(ui->levelFilterCombo->currentData().toInt())); });
    connect(ui->categoryFilterCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCategory(ui->categoryFilterCombo->currentData().toString()); });
    connect(ui->logSearchEdit, &QLineEdit::textChanged, m_filter, &LogFilterModel::setText);
    connect(ui->pauseButton, &QPushButton::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        ui->pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    });
    connect(ui->clearLogButton, &QPushButton::clicked, m_model, &LogModel::clear);
    connect(ui->copyLogButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(copyText()); });
    connect(m_model, &LogModel::categorySeen, this, [this](const QString &category) {
        ui->categoryFilterCombo->addItem(category, category);
    });
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString category = m_model->entryAt(row).category;
        if (ui->categoryFilterCombo->findData(category) < 0)
            ui->categoryFilterCombo->addItem(category, category);
    }
    // Follow new lines while the view is scrolled to the bottom, stay put otherwise.
    QScrollBar *bar = ui->logView->verticalScrollBar();
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, bar] { m_followTail = bar->value() >= bar->maximum() - 2; });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            ui->logView->scrollToBottom();
    });
    ui->levelFilterCombo->setCurrentIndex(1);
}

LogsPage::~LogsPage() = default;

QString LogsPage::copyText() const
{
    QModelIndexList rows = ui->logView->selectionModel()->selectedRows();
    QStringList lines;
    if (rows.isEmpty()) {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            lines.append(LogModel::lineText(m_model->entryAt(m_filter->mapToSource(m_filter->index(row, 0)).row())));
    } else {
        std::sort(rows.begin(), rows.end());
        for (const QModelIndex &index : std::as_const(rows))
            lines.append(LogModel::lineText(m_model->entryAt(m_filter->mapToSource(index).row())));
    }
    return lines.join(u'\n');
}

} // namespace gb
