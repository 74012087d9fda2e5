#include "UiLanguage.h"

#include "common/LogCategories.h"

#include <QCoreApplication>
#include <QLibraryInfo>

using namespace Qt::StringLiterals;

namespace gb {

UiLanguage::UiLanguage(QObject *parent) : QObject(parent) {}

UiLanguage::~UiLanguage()
{
    removeTranslators();
}

QList<UiLanguage::Choice> UiLanguage::choices()
{
    return {
        {QString(), tr("System language")},
        {u"en"_s, u"English"_s},
        {u"zh_CN"_s, u"简体中文"_s},
        {u"zh_TW"_s, u"繁體中文"_s},
    };
}

QString UiLanguage::resolve(const QString &code, const QLocale &system)
{
    if (code == "en"_L1 || code == "zh_CN"_L1 || code == "zh_TW"_L1)
        return code;
    if (system.language() != QLocale::Chinese)
        return u"en"_s;
    // Traditional script, or a region that writes it, reads zh_TW; the rest zh_CN.
    const bool traditional = system.script() == QLocale::TraditionalChineseScript
                             || system.territory() == QLocale::Taiwan || system.territory() == QLocale::HongKong
                             || system.territory() == QLocale::Macao;
    return traditional ? u"zh_TW"_s : u"zh_CN"_s;
}

QString UiLanguage::apply(const QString &code)
{
    const QString language = resolve(code);
    removeTranslators();
    if (language != "en"_L1) {
        auto app = std::make_unique<QTranslator>();
        if (app->load(u":/i18n/gembalance_%1.qm"_s.arg(language))) {
            QCoreApplication::installTranslator(app.get());
            m_app = std::move(app);
        } else {
            qCWarning(lcGui) << "no translation compiled in for" << language;
        }
        // Qt's own dialogs (file dialogs, standard buttons): optional, from the system.
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(u"qtbase_%1"_s.arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            m_qt = std::move(qt);
        }
    }
    const bool changedLanguage = language != m_current;
    m_current = m_app || language == "en"_L1 ? language : u"en"_s;
    if (changedLanguage)
        emit changed(m_current);
    return m_current;
}

void UiLanguage::removeTranslators()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app.reset();
    m_qt.reset();
}

} // namespace gb
