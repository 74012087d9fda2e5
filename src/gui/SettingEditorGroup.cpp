#include "SettingEditorGroup.h"

#include "SettingEditor.h"
#include "settings/SettingsEdits.h"
#include "settings/Settings.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace gb {

SettingEditorGroup::SettingEditorGroup(Settings *settings, QObject *parent) : QObject(parent), m_settings(settings)
{
    connect(m_settings, &Settings::changed, this, &SettingEditorGroup::settingsChanged);
}

SettingEditor *SettingEditorGroup::add(const SettingSpec &spec, QWidget *parent)
{
    auto *editor = new SettingEditor(spec, parent);
    m_editors.append(editor);
    show(editor);
    connect(editor, &SettingEditor::modifiedChanged, this, [this] { emit modifiedChanged(isModified()); });
    return editor;
}

SettingEditor *SettingEditorGroup::editor(const QString &name) const
{
    for (SettingEditor *e : m_editors)
        if (e->spec().name == name)
            return e;
    return nullptr;
}

bool SettingEditorGroup::isModified() const
{
    for (const SettingEditor *e : m_editors)
        if (e->isModified())
            return true;
    return false;
}

void SettingEditorGroup::show(SettingEditor *editor)
{
    const auto values = m_settings->snapshot();
    editor->showValue(settingValue(*values, editor->spec()), m_settings->source(editor->spec().name));
}

void SettingEditorGroup::settingsChanged(const QStringList &names)
{
    for (SettingEditor *e : std::as_const(m_editors))
        if (!e->isModified() && names.contains(e->spec().name))
            show(e);
}

bool SettingEditorGroup::apply(QString *message)
{
    QVariantMap edits;
    for (SettingEditor *e : std::as_const(m_editors)) {
        e->showError(QString());
        if (e->isModified())
            edits.insert(e->spec().name, e->edit());
    }
    if (edits.isEmpty()) {
        *message = tr("Nothing to apply.");
        return true;
    }
    const SettingsEditResult result = applySettingEdits(*m_settings, edits);
    if (!result.ok()) {
        QStringList general;
        for (auto it = result.errors.cbegin(); it != result.errors.cend(); ++it) {
            if (SettingEditor *e = editor(it.key()))
                e->showError(it.value());
            else
                general << it.value();
        }
        *message = tr("Nothing was applied: %n setting(s) refused (%1).", "", int(result.errors.size()))
                       .arg(QStringList(result.errors.keys()).join(u", "_s));
        if (!general.isEmpty())
            *message += u' ' + general.join(u' ');
        return false;
    }
    // Every edited field shows the value in use now (also those equal to it already).
    for (SettingEditor *e : std::as_const(m_editors))
        if (e->isModified())
            show(e);
    emit modifiedChanged(false);
    if (result.applied.isEmpty()) {
        *message = tr("No value changed.");
    } else {
        *message = tr("Applied and saved: %1.").arg(result.applied.join(u", "_s));
        if (!result.restartRequired.isEmpty())
            *message += u' ' + tr("Takes effect after a restart: %1.").arg(result.restartRequired.join(u", "_s));
    }
    return true;
}

void SettingEditorGroup::revert()
{
    for (SettingEditor *e : std::as_const(m_editors))
        show(e);
    emit modifiedChanged(false);
}

} // namespace gb
