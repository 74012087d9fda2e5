#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace gb {

// "Start at login" for the current user, one small class for the three platforms:
//   Linux and other XDG desktops: $XDG_CONFIG_HOME/autostart/gembalance.desktop
//   Windows: the value "GemBalance" under HKCU\Software\Microsoft\Windows\CurrentVersion\Run
//   macOS: ~/Library/LaunchAgents/org.gembalance.GemBalance.plist
// The entry starts `program` with `arguments` (by default --minimized: straight to the tray).
class AutoStart
{
public:
    explicit AutoStart(QString program, QStringList arguments = {QStringLiteral("--minimized")});

    bool isEnabled() const;
    Result<void> setEnabled(bool enabled);
    // Where the entry lives: a file path, or the registry key on Windows.
    QString location() const;

private:
    QString commandLine() const;
    QString desktopEntry() const;
    QString launchAgentPlist() const;

    QString m_program;
    QStringList m_arguments;
};

} // namespace gb
