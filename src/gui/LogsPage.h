#pragma once

#include <QWidget>

#include <memory>

namespace Ui { class LogsPage; }

namespace gb {

class LogBuffer;
class LogFilterModel;
class LogModel;

// The live application log: filter by level, category and text; pause; copy the
// selected lines (or every shown line when none is selected).
class LogsPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogsPage(LogBuffer *buffer, QWidget *parent = nullptr);
    ~LogsPage() override;

    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    QString copyText() const;  // what the copy button puts on the clipboard

private:
    std::unique_ptr<Ui::LogsPage> ui;
    LogModel *m_model;
    LogFilterModel *m_filter;
    bool m_followTail = true;
};

} // namespace gb
