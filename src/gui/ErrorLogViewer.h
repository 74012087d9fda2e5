#pragma once

#include "store/ErrorLogQueries.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui { class ErrorLogViewer; }

namespace gb {

class ErrorLogModel;
class QueryRunner;

// The database error log (t_error_logs) on the Logs page: filters (key hint or full key,
// error text, status code, model, date range), sort by any column, pages, the selected
// entry's details (upstream answer and request body when recorded), delete selected or all.
// Loads when first shown, then on a change of filter or page and on Refresh.
class ErrorLogViewer : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kFilterDelayMs = 400;  // typing settles before a query

    explicit ErrorLogViewer(QueryRunner *queries, QWidget *parent = nullptr);
    ~ErrorLogViewer() override;

    ErrorLogModel *model() const { return m_model; }
    // The filter the widgets describe now (sort and paging are the model's).
    errorlogs::ListFilter currentFilter() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyFilter();
    void showSelected();
    void deleteSelected();
    void deleteAll();
    void updateControls();
    QList<qint64> selectedIds() const;

    std::unique_ptr<Ui::ErrorLogViewer> ui;
    ErrorLogModel *m_model;
    QTimer m_filterDelay;
    bool m_loadedOnce = false;
    bool m_showsLoadError = false;
    qint64 m_shownId = 0;  // whose details the pane shows or awaits
};

} // namespace gb
