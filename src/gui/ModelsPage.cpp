#include "ModelsPage.h"

#include "ModelListModel.h"
#include "ProxyLink.h"
#include "SettingEditor.h"
#include "SettingEditorGroup.h"
#include "settings/SettingSpec.h"
#include "settings/Settings.h"
#include "settings/SettingsEdits.h"
#include "ui_ModelsPage.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
// Settings that change what /v1beta/models lists.
const QStringList kListSettings{u"FILTERED_MODELS"_s, u"SEARCH_MODELS"_s, u"IMAGE_MODELS"_s, u"THINKING_MODELS"_s};
} // namespace

ModelsPage::ModelsPage(ProxyLink *link, QWidget *parent)
    : QWidget(parent), ui(new Ui::ModelsPage), m_link(link), m_model(new ModelListModel(this)),
      m_filter(new ModelFilterModel(this)), m_editors(new SettingEditorGroup(link->settings(), this))
{
    ui->setupUi(this);
    m_filter->setSourceModel(m_model);
    ui->modelTable->setModel(m_filter);
    ui->modelTable->verticalHeader()->setVisible(false);
    ui->modelTable->setWordWrap(false);
    for (int column : {ModelListModel::NameColumn, ModelListModel::DisplayNameColumn, ModelListModel::KindColumn,
                       ModelListModel::FilteredColumn})
        ui->modelTable->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    ui->modelTable->horizontalHeader()->setStretchLastSection(true);
    ui->modelSplitter->setStretchFactor(0, 3);
    ui->modelSplitter->setStretchFactor(1, 2);
    ui->modelSplitter->setSizes({420, 280});
    ui->modelTable->sortByColumn(-1, Qt::AscendingOrder);  // the server's order until a header is clicked
    connect(ui->modelFilterEdit, &QLineEdit::textChanged, m_filter, &ModelFilterModel::setFilterFixedString);
    connect(ui->showFilteredCheck, &QCheckBox::toggled, m_filter, &ModelFilterModel::setShowFiltered);
    connect(ui->refreshModelsButton, &QPushButton::clicked, this, &ModelsPage::refresh);
    connect(m_model, &ModelListModel::filteredToggled, this, &ModelsPage::setFiltered);
    connect(m_model, &ModelListModel::budgetEdited, this, &ModelsPage::setBudget);
    m_model->setBudgets(m_link->settings()->snapshot()->thinkingBudgetMap);
    connect(m_link, &ProxyLink::modelsReady, this,
            [this](const QJsonArray &served, const QStringList &filtered, const QString &error) {
                ui->refreshModelsButton->setEnabled(true);
                if (!error.isEmpty()) {
                    ui->modelStatusLabel->setText(tr("The model list could not be fetched: %1").arg(error));
                    return;
                }
                m_model->setModels(served, filtered);
                ui->modelStatusLabel->setText(
                    tr("%n model(s) served, aliases included; %1 hidden by FILTERED_MODELS.", "", int(served.size()))
                        .arg(filtered.size()));
            });
    connect(m_link->settings(), &Settings::changed, this, [this](const QStringList &names) {
        if (names.contains(u"THINKING_BUDGET_MAP"_s))
            m_model->setBudgets(m_link->settings()->snapshot()->thinkingBudgetMap);
        for (const QString &name : names)
            if (kListSettings.contains(name))
                return refresh();
    });

    // The model settings, edited like on the Settings page.
    for (const SettingSpec &spec : settingSpecs())
        if (spec.group == u"models"_s)
            ui->modelSettingsLayout->addWidget(m_editors->add(spec, ui->modelSettingsContent));
    ui->modelSettingsLayout->addStretch();
    ui->applyModelSettingsButton->setEnabled(false);
    ui->revertModelSettingsButton->setEnabled(false);
    connect(m_editors, &SettingEditorGroup::modifiedChanged, this, [this](bool modified) {
        ui->applyModelSettingsButton->setEnabled(modified);
        ui->revertModelSettingsButton->setEnabled(modified);
    });
    connect(ui->applyModelSettingsButton, &QPushButton::clicked, this, [this] {
        QString message;
        m_editors->apply(&message);
        ui->modelSettingsStatusLabel->setText(message);
    });
    connect(ui->revertModelSettingsButton, &QPushButton::clicked, this, [this] {
        m_editors->revert();
        ui->modelSettingsStatusLabel->clear();
    });
    refresh();
}

ModelsPage::~ModelsPage() = default;

void ModelsPage::refresh()
{
    ui->refreshModelsButton->setEnabled(false);
    ui->modelStatusLabel->setText(tr("Fetching the model list…"));
    m_link->fetchModels();
}

void ModelsPage::setFiltered(const QString &model, bool filtered)
{
    QStringList list = m_link->settings()->snapshot()->filteredModels;
    if (filtered && !list.contains(model))
        list.append(model);
    if (!filtered)
        list.removeAll(model);
    applyModelEdit(u"FILTERED_MODELS"_s, list);
}

void ModelsPage::setBudget(const QString &model, const QString &budget)
{
    NumberMap budgets = m_link->settings()->snapshot()->thinkingBudgetMap;
    if (budget.isEmpty()) {
        budgets.remove(model);
    } else {
        bool number = false;
        const double value = budget.toDouble(&number);
        if (!number) {
            ui->modelStatusLabel->setText(tr("THINKING_BUDGET_MAP: %1 is not a number of tokens.").arg(budget));
            return;
        }
        budgets.insert(model, value);
    }
    applyModelEdit(u"THINKING_BUDGET_MAP"_s, QVariant::fromValue(budgets));
}

void ModelsPage::applyModelEdit(const QString &name, const QVariant &value)
{
    const SettingsEditResult result = applySettingEdits(*m_link->settings(), {{name, value}});
    if (result.ok())
        return;
    ui->modelStatusLabel->setText(QStringList(result.errors.values()).join(u' '));
    // Show what is in use again.
    m_model->setBudgets(m_link->settings()->snapshot()->thinkingBudgetMap);
    if (name == u"FILTERED_MODELS"_s)
        refresh();
}

} // namespace gb
