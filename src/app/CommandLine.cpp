#include "CommandLine.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace gb {

ParsedCommandLine parseCommandLine(const QStringList &arguments, bool guiAvailable)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"GemBalance: one endpoint for many Gemini API keys, speaking the Gemini and OpenAI APIs.\n"
        "Settings come from the environment and a .env file, by gemini-balance's names (API_KEYS, "
        "ALLOWED_TOKENS, ...)."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help and exit."_s);
    const QCommandLineOption version({u"v"_s, u"version"_s}, u"Show the version and exit."_s);
    const QCommandLineOption headless(u"headless"_s, u"Run the server only: no window, no display needed."_s);
    const QCommandLineOption minimized(u"minimized"_s, u"Start in the system tray (desktop application)."_s);
    const QCommandLineOption demo(
        u"demo"_s,
        u"Try GemBalance without keys: a built-in fake Gemini upstream, sample keys (good, rate-limited, "
        "invalid) and a little traffic, marked DEMO everywhere. Uses its own data folder (<data folder>/demo) "
        "and ignores .env and the environment's settings. Admin token: demo-admin; client token: sk-demo-client."_s);
    const QCommandLineOption host(u"host"_s,
                                  u"Address to listen on (default 127.0.0.1; use 0.0.0.0 in Docker or to serve "
                                  "a network)."_s,
                                  u"address"_s, u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s, u"Port to listen on (default 8000; 0 picks a free port)."_s, u"port"_s,
                                  u"8000"_s);
    const QCommandLineOption dataDir(u"data-dir"_s,
                                     u"Folder for the database and state (default: the user's application data "
                                     "folder)."_s,
                                     u"dir"_s);
    const QCommandLineOption envFile(u"env-file"_s, u"Read settings from this .env file (default: ./.env if present)."_s,
                                     u"file"_s);
    const QCommandLineOption importSource(
        u"import-gemini-balance"_s,
        u"Import settings, request logs and error logs from a gemini-balance database (an SQLite file or "
        "mysql://user:password@host:port/database) into the configured database, then exit."_s,
        u"source"_s);
    const QCommandLineOption screenshots(
        u"screenshots"_s,
        u"Desktop application: after 30 s, save a picture of each page of the window as PNG files into this "
        "folder, then quit (for documentation; packaging/take-screenshots.sh uses it with --demo)."_s,
        u"dir"_s);
    parser.addOptions({help, version, headless, minimized, demo, host, port, dataDir, envFile, importSource, screenshots});

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.action = ParsedCommandLine::Action::Error;
        result.text = parser.errorText() + u"\nTry --help."_s;
        return result;
    }
    if (parser.isSet(help)) {
        result.action = ParsedCommandLine::Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = ParsedCommandLine::Action::ShowVersion;
        result.text = u"GemBalance %1 (Qt %2)"_s.arg(QStringLiteral(GEMBALANCE_VERSION), QString::fromLatin1(qVersion()));
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = ParsedCommandLine::Action::Error;
        result.text = u"Unexpected argument: %1\nTry --help."_s.arg(parser.positionalArguments().constFirst());
        return result;
    }

    CommandLineOptions &o = result.options;
    o.headless = parser.isSet(headless) || !guiAvailable;
    o.minimized = parser.isSet(minimized);
    o.demo = parser.isSet(demo);
    o.host = parser.value(host);
    o.hostGiven = parser.isSet(host);
    o.portGiven = parser.isSet(port);
    if (QHostAddress(o.host).isNull() && o.host != u"localhost"_s) {
        result.action = ParsedCommandLine::Action::Error;
        result.text = u"--host: \"%1\" is not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)."_s.arg(o.host);
        return result;
    }
    bool ok = false;
    const uint p = parser.value(port).toUInt(&ok);
    if (!ok || p > 65535) {
        result.action = ParsedCommandLine::Action::Error;
        result.text = u"--port: \"%1\" is not a port number (0..65535)."_s.arg(parser.value(port));
        return result;
    }
    o.port = quint16(p);
    o.dataDir = parser.value(dataDir);
    o.envFile = parser.value(envFile);
    o.importSource = parser.value(importSource);
    o.screenshotDir = parser.value(screenshots);
    if (!o.screenshotDir.isEmpty() && o.headless) {
        result.action = ParsedCommandLine::Action::Error;
        result.text = u"--screenshots needs the desktop application (a display, no --headless)."_s;
        return result;
    }
    return result;
}

} // namespace gb
