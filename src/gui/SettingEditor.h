#pragma once

#include "settings/SettingSpec.h"
#include "settings/Settings.h"

#include <QVariant>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;

namespace gb {

// One setting in a form: its name, where the value comes from, an editor that fits its
// type (check box, spin box with the spec's range, combo box of its choices, line edit, or
// a text box taking the same JSON or comma text as .env, checked as it is typed), the
// description as tool tip, a reveal button for secrets and a "reset to default" button.
// It only edits: SettingEditorGroup applies. Child objectNames end in the setting's name:
// value_NAME, source_NAME, error_NAME, reveal_NAME, reset_NAME.
class SettingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SettingEditor(const SettingSpec &spec, QWidget *parent = nullptr);

    const SettingSpec &spec() const { return m_spec; }
    // Shows the current value and its source and forgets any edit.
    void showValue(const QVariant &typedValue, SettingSource source);
    bool isModified() const { return m_modified; }
    // The edit to apply: typed for bool/int/double, text otherwise (as in .env; a secret
    // list left masked comes back as its masked text, which stands for the current value).
    QVariant edit() const;
    // Puts the spec's default value in the editor, as an edit to apply.
    void setToDefault();
    // Shows an error under the field; empty hides it.
    void showError(const QString &error);
    QString error() const;
    bool isRevealed() const { return m_revealed; }
    void setRevealed(bool revealed);

signals:
    void modifiedChanged(bool modified);

private:
    bool isTextKind() const;
    QString currentText() const;
    void setEditorValue(const QVariant &typedValue);
    void markModified();
    void checkText();

    SettingSpec m_spec;
    QVariant m_value;        // the current (applied) typed value
    QString m_valueText;     // what the editor showed for it, to tell an edit
    bool m_modified = false;
    bool m_revealed = false;
    bool m_loading = false;
    QLabel *m_source = nullptr;
    QLabel *m_error = nullptr;
    QToolButton *m_reveal = nullptr;
    QToolButton *m_reset = nullptr;
    QCheckBox *m_check = nullptr;
    QSpinBox *m_int = nullptr;
    QDoubleSpinBox *m_double = nullptr;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_line = nullptr;
    QPlainTextEdit *m_text = nullptr;
};

} // namespace gb
