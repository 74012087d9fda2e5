#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class QWidget;

namespace gb {

class SettingEditor;
class Settings;
struct SettingSpec;

// The editors of one form, applied together: Apply sends every modified field through the
// core's edit path (applySettingEdits: the admin API's validation, all-or-nothing, saved,
// live) and shows each error next to its field; Revert shows the values in use again. Live
// changes made elsewhere (the admin API, another page) show at once in fields not being
// edited.
class SettingEditorGroup : public QObject
{
    Q_OBJECT
public:
    explicit SettingEditorGroup(Settings *settings, QObject *parent = nullptr);

    SettingEditor *add(const SettingSpec &spec, QWidget *parent);
    SettingEditor *editor(const QString &name) const;
    const QList<SettingEditor *> &editors() const { return m_editors; }
    bool isModified() const;

    // Applies the modified fields; false (nothing applied) when any is refused. `message`
    // says what happened, for a status line.
    bool apply(QString *message);
    void revert();

signals:
    void modifiedChanged(bool anyModified);

private:
    void show(SettingEditor *editor);
    void settingsChanged(const QStringList &names);

    Settings *m_settings;
    QList<SettingEditor *> m_editors;
};

} // namespace gb
