#pragma once

#include <QWidget>

#include <memory>

namespace Ui { class LogsPage; }

namespace gb {

class ErrorLogViewer;
class LogBuffer;
class LogFilterModel;
class LogModel;
class QueryRunner;

// Two tabs: the live application log (filter by level, category and text; pause; copy the
// selected lines, or every shown line when none is selected) and the database error log
// (ErrorLogViewer; `queries` may be null, the tab then says the database is not open).
class LogsPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogsPage(LogBuffer *buffer, QueryRunner *queries = nullptr, QWidget *parent = nullptr);
    ~LogsPage() override;

    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    ErrorLogViewer *errorLogViewer() const { return m_errorLog; }
    QString copyText() const;  // what the copy button puts on the clipboard

private:
    std::unique_ptr<Ui::LogsPage> ui;
    LogModel *m_model;
    LogFilterModel *m_filter;
    ErrorLogViewer *m_errorLog;
    bool m_followTail = true;
};

} // namespace gb
