#pragma once

#include <QHostAddress>
#include <QString>

class QSettings;

namespace gb {

// Where the desktop's server listens, kept in the window's state file (desktop.ini) when
// the Settings page moves it, and used at the next start unless the command line says
// otherwise (--host / --port win for their run).
namespace savedlisten {

void save(QSettings &state, const QHostAddress &address, quint16 port);

// Replaces *host and *port with the saved ones, each unless given on the command line.
// Returns whether anything saved was used.
bool applyTo(const QSettings &state, QString *host, quint16 *port, bool hostGiven, bool portGiven);

} // namespace savedlisten
} // namespace gb
