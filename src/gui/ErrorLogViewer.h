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
// Loads when first shown, then on a change of filter or page and on Refresh, and by itself
// every kAutoRefreshMs while shown (one query at a time; filters, page, sort, selection
// and scroll position stay).
class ErrorLogViewer : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kFilterDelayMs = 400;  // typing settles before a query
    static constexpr int kAutoRefreshMs = 10'000;

    explicit ErrorLogViewer(QueryRunner *queries, QWidget *parent = nullptr);
    ~ErrorLogViewer() override;

    ErrorLogModel *model() const { return m_model; }
    // The filter the widgets describe now (sort and paging are the model's).
    errorlogs::ListFilter currentFilter() const;
    void setAutoRefreshInterval(int ms) { m_autoRefresh.setInterval(ms); }
    bool isAutoRefreshing() const { return m_autoRefresh.isActive(); }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void applyFilter();
    void showSelected();
    void deleteSelected();
    void deleteAll();
    void updateControls();
    void autoRefresh();
    void restoreSelection();
    QList<qint64> selectedIds() const;

    std::unique_ptr<Ui::ErrorLogViewer> ui;
    ErrorLogModel *m_model;
    QTimer m_filterDelay;
    QTimer m_autoRefresh;
    QList<qint64> m_selectedBeforeReset;  // kept across a reload
    int m_scrollBeforeReset = 0;
    bool m_loadedOnce = false;
    bool m_showsLoadError = false;
    qint64 m_shownId = 0;  // whose details the pane shows or awaits
};

} // namespace gb
