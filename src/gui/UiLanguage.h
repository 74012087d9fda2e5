#pragma once

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

#include <memory>

namespace gb {

// The language of the window: the translations compiled in (English is the source text,
// zh_CN and zh_TW are translated with Qt Linguist) plus Qt's own translations of its
// standard dialogs when the system has them. Owns the installed translators.
class UiLanguage : public QObject
{
    Q_OBJECT
public:
    struct Choice
    {
        QString code;  // "" = follow the system, "en", "zh_CN", "zh_TW"
        QString name;  // in its own language: "简体中文"
    };

    explicit UiLanguage(QObject *parent = nullptr);
    ~UiLanguage() override;

    static QList<Choice> choices();
    // The language `code` stands for: the system's when empty, English when nothing fits.
    static QString resolve(const QString &code, const QLocale &system = QLocale::system());

    // Installs the translators for `code` (see Choice), replacing the previous ones; Qt then
    // sends a LanguageChange event to every widget. Returns the language now in use.
    QString apply(const QString &code);
    QString current() const { return m_current; }

signals:
    void changed(const QString &language);

private:
    void removeTranslators();

    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current = QStringLiteral("en");
};

} // namespace gb
