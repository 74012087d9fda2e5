#pragma once

#include "store/StatsQueries.h"

#include <QAbstractTableModel>

namespace gb {

class QueryRunner;

// One key's calls, failures and tokens per model over a time window, from the per-minute
// counters (stats::keyUsageByModel) on the query thread. One query in flight at most; a
// load asked for meanwhile runs when the answer is in.
class KeyUsageModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ModelColumn, CallsColumn, FailuresColumn, PromptColumn, CompletionColumn, TotalTokensColumn, ColumnCount };

    explicit KeyUsageModel(QueryRunner *queries, QObject *parent = nullptr);

    void load(const QString &keyId, qint64 fromMs, qint64 toMs);
    bool isLoading() const { return m_inFlight; }
    const stats::ModelTotals &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const QString &error);

private:
    struct Request
    {
        QString keyId;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    void post(const Request &request);

    QueryRunner *m_queries;
    QList<stats::ModelTotals> m_rows;
    bool m_inFlight = false;
    std::optional<Request> m_next;  // asked for while a query ran
};

} // namespace gb
