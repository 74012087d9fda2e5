#include "common/Logging.h"

#include "common/LogBuffer.h"
#include "common/Redact.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <atomic>

using namespace Qt::StringLiterals;

namespace gb {

namespace {
QtMessageHandler g_previous = nullptr;
std::atomic<LogBuffer *> g_buffer = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString redacted = redact::secretsInText(message);
    if (LogBuffer *buffer = g_buffer.load(std::memory_order_acquire))
        buffer->append(type, QString::fromLatin1(context.category ? context.category : "default"), redacted,
                       QDateTime::currentMSecsSinceEpoch());
    g_previous(type, context, redacted);
}
} // namespace

void installLogHandler()
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(u"%{time yyyy-MM-dd hh:mm:ss.zzz} "
                           "%{if-debug}DEBUG%{endif}%{if-info}INFO %{endif}%{if-warning}WARN %{endif}"
                           "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"_s);
    if (!g_previous)
        g_previous = qInstallMessageHandler(redactingHandler);
}

void setLogBuffer(LogBuffer *buffer)
{
    g_buffer.store(buffer, std::memory_order_release);
}

void applyLogLevel(const QString &level)
{
    const QString l = level.toUpper();
    QString rules = u"gb.*.debug=false\n"_s;
    if (l == u"DEBUG"_s)
        rules = u"gb.*.debug=true\n"_s;
    else if (l == u"WARNING"_s)
        rules += u"gb.*.info=false\n"_s;
    else if (l == u"ERROR"_s || l == u"CRITICAL"_s)
        rules += u"gb.*.info=false\ngb.*.warning=false\n"_s;
    QLoggingCategory::setFilterRules(rules);
}

} // namespace gb
