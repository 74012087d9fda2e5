#pragma once

#include <QWidget>

#include <memory>

namespace Ui { class ModelsPage; }

namespace gb {

class ModelFilterModel;
class ModelListModel;
class ProxyLink;
class SettingEditorGroup;

// The models the server offers (asked of the proxy thread: the upstream list as
// /v1beta/models serves it, aliases included, FILTERED_MODELS removed), with a filter, a
// refresh, a Filtered check per model, and the model settings (SEARCH_MODELS, IMAGE_MODELS,
// THINKING_MODELS, THINKING_BUDGET_MAP, ...) applied and saved as on the Settings page.
class ModelsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsPage(ProxyLink *link, QWidget *parent = nullptr);
    ~ModelsPage() override;

    ModelListModel *model() const { return m_model; }
    ModelFilterModel *filterModel() const { return m_filter; }
    SettingEditorGroup *editors() const { return m_editors; }

    void refresh();

private:
    void setFiltered(const QString &model, bool filtered);
    void setBudget(const QString &model, const QString &budget);
    void applyModelEdit(const QString &name, const QVariant &value);

    std::unique_ptr<Ui::ModelsPage> ui;
    ProxyLink *m_link;
    ModelListModel *m_model;
    ModelFilterModel *m_filter;
    SettingEditorGroup *m_editors;
};

} // namespace gb
