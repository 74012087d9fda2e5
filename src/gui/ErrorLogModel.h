#pragma once

#include "store/ErrorLogQueries.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace gb {

class QueryRunner;

// One page of the database error log (t_error_logs) as a table, read through the same
// store code as the admin API (errorlogs::list/details/removeIds/removeAll) on the query
// thread. Filter, sort and page are applied by the database; at most one list query is in
// flight, and a change made meanwhile reloads once the answer is in. Keys show as hints.
class ErrorLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IdColumn, TimeColumn, KeyColumn, ModelColumn, TypeColumn, CodeColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    static constexpr int kDefaultPageSize = 50;

    // `queries` may be null (no database): loads fail with a message.
    explicit ErrorLogModel(QueryRunner *queries, QObject *parent = nullptr);

    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // Sort, limit and offset of `filter` are the model's own (sort(), page size, page).
    void setFilter(const errorlogs::ListFilter &filter);  // back to the first page, reloads
    const errorlogs::ListFilter &filter() const { return m_filter; }
    // The filter with its sort and page size (limit); the first page, one reload.
    void setQuery(const errorlogs::ListFilter &query);
    void setPageSize(int rows);  // 1..1000; back to the first page, reloads
    int pageSize() const { return m_filter.limit; }
    void setPage(int page);      // clamped to the pages there are; reloads
    int page() const { return m_page; }
    int pageCount() const;       // at least 1
    qint64 total() const { return m_total; }
    bool isLoading() const { return m_inFlight; }
    int listQueries() const { return m_listQueries; }

    void reload();
    // A row with its details as the details panes show it: what the upstream answered
    // (already redacted when written) and the request body when it was recorded; JSON is
    // indented.
    static QString detailsText(const errorlogs::ErrorLogRow &row, const QTimeZone &zone);
    const errorlogs::ErrorLogRow &rowAt(int row) const { return m_rows.at(row); }

    // Asynchronous: detailsReady (or detailsFailed) follows.
    void requestDetails(qint64 id);
    // Asynchronous: removed(count) follows, then a reload.
    void removeIds(const QList<qint64> &ids);
    void removeAll();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loaded();
    void loadFailed(const QString &error);
    void detailsReady(const gb::errorlogs::ErrorLogRow &row);
    void detailsFailed(qint64 id, const QString &error);
    void removed(qint64 count);
    void removeFailed(const QString &error);

private:
    void showPage(const errorlogs::ListPage &page);

    QueryRunner *m_queries;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    errorlogs::ListFilter m_filter;
    int m_page = 0;
    qint64 m_total = 0;
    QList<errorlogs::ErrorLogRow> m_rows;
    bool m_inFlight = false;
    bool m_again = false;
    int m_listQueries = 0;
};

} // namespace gb
