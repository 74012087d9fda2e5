#include "AutoStart.h"

#include "common/LogCategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
#if defined(Q_OS_WIN)
const QString kRunKey = u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s;
const QString kRunValue = u"GemBalance"_s;
#endif

// Quoting for a desktop entry's Exec key and a Windows command line alike: double quotes
// around anything with a space or a quote, inner quotes and backslashes escaped.
QString quoted(const QString &argument)
{
    if (!argument.isEmpty() && !argument.contains(u' ') && !argument.contains(u'"') && !argument.contains(u'\\'))
        return argument;
    QString escaped = argument;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}
} // namespace

AutoStart::AutoStart(QString program, QStringList arguments)
    : m_program(std::move(program)), m_arguments(std::move(arguments))
{
}

QString AutoStart::location() const
{
#if defined(Q_OS_WIN)
    return kRunKey + u'\\' + kRunValue;
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + u"/Library/LaunchAgents/org.gembalance.GemBalance.plist"_s;
#else
    // GenericConfigLocation follows XDG_CONFIG_HOME (default ~/.config).
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/autostart/gembalance.desktop"_s;
#endif
}

QString AutoStart::commandLine() const
{
    QStringList parts{quoted(QDir::toNativeSeparators(m_program))};
    for (const QString &a : m_arguments)
        parts << quoted(a);
    return parts.join(u' ');
}

QString AutoStart::desktopEntry() const
{
    return u"[Desktop Entry]\n"
           "Type=Application\n"
           "Name=GemBalance\n"
           "Comment=Gemini API key pool and proxy\n"
           "Exec=%1\n"
           "Icon=gembalance\n"
           "Terminal=false\n"
           "X-GNOME-Autostart-enabled=true\n"_s.arg(commandLine());
}

QString AutoStart::launchAgentPlist() const
{
    QString arguments = u"    <string>%1</string>\n"_s.arg(xmlEscaped(m_program));
    for (const QString &a : m_arguments)
        arguments += u"    <string>%1</string>\n"_s.arg(xmlEscaped(a));
    return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
           "<plist version=\"1.0\">\n<dict>\n"
           "  <key>Label</key>\n  <string>org.gembalance.GemBalance</string>\n"
           "  <key>ProgramArguments</key>\n  <array>\n%1  </array>\n"
           "  <key>RunAtLoad</key>\n  <true/>\n"
           "</dict>\n</plist>\n"_s.arg(arguments);
}

bool AutoStart::isEnabled() const
{
#if defined(Q_OS_WIN)
    return QSettings(kRunKey, QSettings::NativeFormat).contains(kRunValue);
#else
    return QFileInfo::exists(location());
#endif
}

Result<void> AutoStart::setEnabled(bool enabled)
{
#if defined(Q_OS_WIN)
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(kRunValue, commandLine());
    else
        run.remove(kRunValue);
    run.sync();
    if (run.status() != QSettings::NoError)
        return Result<void>::failure(QCoreApplication::translate("gb::AutoStart", "cannot change %1").arg(location()));
    return {};
#else
    const QString path = location();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return Result<void>::failure(QCoreApplication::translate("gb::AutoStart", "cannot remove %1").arg(QDir::toNativeSeparators(path)));
        qCInfo(lcGui).noquote() << "start at login: off, removed" << path;
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Result<void>::failure(QCoreApplication::translate("gb::AutoStart", "cannot create %1").arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
#if defined(Q_OS_MACOS)
    const QString content = launchAgentPlist();
#else
    const QString content = desktopEntry();
#endif
    if (!file.open(QIODevice::WriteOnly) || file.write(content.toUtf8()) < 0 || !file.commit())
        return Result<void>::failure(QCoreApplication::translate("gb::AutoStart", "cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    qCInfo(lcGui).noquote() << "start at login: on, wrote" << path;
    return {};
#endif
}

} // namespace gb
