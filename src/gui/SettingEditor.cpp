#include "SettingEditor.h"

#include "settings/SettingsJson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QToolButton>

#include <climits>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
QString compactJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}
} // namespace

SettingEditor::SettingEditor(const SettingSpec &spec, QWidget *parent) : QWidget(parent), m_spec(spec)
{
    setObjectName(u"setting_"_s + spec.name);
    // The descriptions are English in the core, marked for translation there.
    const QString description = QCoreApplication::translate("gb::SettingSpec", spec.description.toUtf8().constData());
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 4, 0, 4);
    auto *name = new QLabel(u"<b>%1</b>"_s.arg(spec.name), this);
    name->setToolTip(description);
    m_source = new QLabel(this);
    m_source->setObjectName(u"source_"_s + spec.name);
    auto *title = new QHBoxLayout;
    title->addWidget(name);
    title->addWidget(m_source);
    title->addStretch();
    grid->addLayout(title, 0, 0);
    auto *help = new QLabel(description, this);
    help->setWordWrap(true);
    help->setEnabled(false);  // the style's dimmed text: help, not a value
    grid->addWidget(help, 1, 0);

    auto *row = new QHBoxLayout;
    QWidget *editor = nullptr;
    switch (spec.type) {
    case SettingType::Bool:
        m_check = new QCheckBox(this);
        connect(m_check, &QCheckBox::toggled, this, &SettingEditor::markModified);
        editor = m_check;
        break;
    case SettingType::Int:
        m_int = new QSpinBox(this);
        m_int->setRange(spec.hasRange ? int(spec.minimum) : INT_MIN, spec.hasRange ? int(spec.maximum) : INT_MAX);
        connect(m_int, &QSpinBox::valueChanged, this, &SettingEditor::markModified);
        editor = m_int;
        break;
    case SettingType::Double:
        m_double = new QDoubleSpinBox(this);
        m_double->setDecimals(3);
        m_double->setRange(spec.hasRange ? spec.minimum : -1e9, spec.hasRange ? spec.maximum : 1e9);
        connect(m_double, &QDoubleSpinBox::valueChanged, this, &SettingEditor::markModified);
        editor = m_double;
        break;
    case SettingType::String:
        if (!spec.choices.isEmpty()) {
            m_combo = new QComboBox(this);
            m_combo->addItems(spec.choices);
            connect(m_combo, &QComboBox::currentTextChanged, this, &SettingEditor::markModified);
            editor = m_combo;
        } else {
            m_line = new QLineEdit(this);
            if (spec.isSecret())
                m_line->setEchoMode(QLineEdit::Password);
            connect(m_line, &QLineEdit::textChanged, this, &SettingEditor::markModified);
            editor = m_line;
        }
        break;
    default:
        m_text = new QPlainTextEdit(this);
        m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_text->setTabChangesFocus(true);
        m_text->setMaximumHeight(90);
        m_text->setPlaceholderText(spec.type == SettingType::StringList ? tr("JSON array or comma-separated values")
                                                                        : tr("JSON"));
        connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
            if (m_loading)
                return;
            markModified();
            checkText();
        });
        editor = m_text;
        break;
    }
    editor->setObjectName(u"value_"_s + spec.name);
    editor->setToolTip(description);
    row->addWidget(editor, 1);
    if (spec.isSecret()) {
        m_reveal = new QToolButton(this);
        m_reveal->setObjectName(u"reveal_"_s + spec.name);
        m_reveal->setText(tr("Show"));
        m_reveal->setCheckable(true);
        m_reveal->setToolTip(tr("Show or hide the secret value"));
        connect(m_reveal, &QToolButton::toggled, this, &SettingEditor::setRevealed);
        row->addWidget(m_reveal);
    } else {
        // Keeps the Default buttons of a form in one column.
        auto *placeholder = new QToolButton(this);
        placeholder->setText(tr("Show"));
        QSizePolicy keep = placeholder->sizePolicy();
        keep.setRetainSizeWhenHidden(true);
        placeholder->setSizePolicy(keep);
        placeholder->setVisible(false);
        row->addWidget(placeholder);
    }
    m_reset = new QToolButton(this);
    m_reset->setObjectName(u"reset_"_s + spec.name);
    m_reset->setText(tr("Default"));
    m_reset->setToolTip(tr("Put the default value in the field (Apply saves it)"));
    connect(m_reset, &QToolButton::clicked, this, &SettingEditor::setToDefault);
    row->addWidget(m_reset);
    grid->addLayout(row, 2, 0);

    m_error = new QLabel(this);
    m_error->setObjectName(u"error_"_s + spec.name);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #c62828;"_s);
    m_error->setVisible(false);
    grid->addWidget(m_error, 3, 0);
}

bool SettingEditor::isTextKind() const
{
    return m_text != nullptr;
}

void SettingEditor::showValue(const QVariant &typedValue, SettingSource source)
{
    m_value = typedValue;
    m_source->setText(tr("(%1)").arg(settingSourceName(source)));
    m_source->setToolTip(tr("Where the value in use comes from: default, .env, environment or saved"));
    setEditorValue(typedValue);
    showError(QString());
    if (m_reveal)
        m_reveal->setEnabled(true);
    const bool was = m_modified;
    m_modified = false;
    if (was)
        emit modifiedChanged(false);
}

void SettingEditor::setEditorValue(const QVariant &typedValue)
{
    m_loading = true;
    if (m_check) {
        m_check->setChecked(typedValue.toBool());
    } else if (m_int) {
        m_int->setValue(typedValue.toInt());
    } else if (m_double) {
        m_double->setValue(typedValue.toDouble());
    } else if (m_combo) {
        const QString value = typedValue.toString();
        int index = m_combo->findText(value, Qt::MatchFixedString);  // choices are case-insensitive
        if (index < 0) {
            m_combo->addItem(value);
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
    } else if (m_line) {
        m_line->setText(typedValue.toString());
    } else if (m_text) {
        if (m_spec.isSecret() && !m_revealed) {
            m_text->setPlainText(compactJson(maskedSettingJson(m_spec, typedValue)));
            m_text->setReadOnly(true);
        } else {
            m_text->setPlainText(formatSettingText(m_spec, typedValue));
            m_text->setReadOnly(false);
        }
    }
    m_valueText = currentText();
    m_loading = false;
}

QString SettingEditor::currentText() const
{
    if (m_check)
        return m_check->isChecked() ? u"true"_s : u"false"_s;
    if (m_int)
        return QString::number(m_int->value());
    if (m_double)
        return QString::number(m_double->value());
    if (m_combo)
        return m_combo->currentText();
    if (m_line)
        return m_line->text();
    return m_text->toPlainText();
}

void SettingEditor::markModified()
{
    if (m_loading)
        return;
    const bool modified = currentText() != m_valueText;
    if (m_reveal)
        m_reveal->setEnabled(!modified || !m_text);  // a revealed text being edited stays revealed
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

QVariant SettingEditor::edit() const
{
    if (m_check)
        return m_check->isChecked();
    if (m_int)
        return m_int->value();
    if (m_double)
        return m_double->value();
    return currentText();
}

void SettingEditor::setToDefault()
{
    const QVariant defaultValue = settingValue(SettingsValues(), m_spec);
    if (m_text && m_spec.isSecret() && !m_revealed) {
        // A default secret list is empty: nothing to hide, and it must be editable text.
        m_revealed = true;
        if (m_reveal) {
            const QSignalBlocker block(m_reveal);
            m_reveal->setChecked(true);
            m_reveal->setText(tr("Hide"));
        }
    }
    m_loading = true;
    if (m_text) {
        m_text->setReadOnly(false);
        m_text->setPlainText(formatSettingText(m_spec, defaultValue));
    } else {
        const QString keep = m_valueText;
        setEditorValue(defaultValue);
        m_valueText = keep;
    }
    m_loading = false;
    markModified();
    checkText();
}

void SettingEditor::setRevealed(bool revealed)
{
    if (revealed == m_revealed)
        return;
    if (m_text && m_modified)
        return;  // an edit in progress is not swapped for the masked text
    m_revealed = revealed;
    if (m_reveal && m_reveal->isChecked() != revealed) {
        const QSignalBlocker block(m_reveal);
        m_reveal->setChecked(revealed);
    }
    if (m_reveal)
        m_reveal->setText(revealed ? tr("Hide") : tr("Show"));
    if (m_line)
        m_line->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    if (m_text)
        setEditorValue(m_value);
}

void SettingEditor::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

QString SettingEditor::error() const
{
    return m_error->text();
}

void SettingEditor::checkText()
{
    if (!m_text || m_text->isReadOnly())
        return;
    // The .env parser itself, so the field accepts exactly what a .env file may hold.
    const Result<QVariant> parsed = parseSettingText(m_spec, m_text->toPlainText());
    showError(parsed.ok() ? QString() : parsed.error());
}

} // namespace gb
