#include "KeyUsageModel.h"

#include "store/QueryRunner.h"

#include <memory>
#include <optional>

namespace gb {

KeyUsageModel::KeyUsageModel(QueryRunner *queries, QObject *parent) : QAbstractTableModel(parent), m_queries(queries) {}

void KeyUsageModel::load(const QString &keyId, qint64 fromMs, qint64 toMs)
{
    const Request request{keyId, fromMs, toMs};
    if (!m_queries)
        return emit loadFailed(tr("the database is not open"));
    if (m_inFlight) {
        m_next = request;
        return;
    }
    post(request);
}

void KeyUsageModel::post(const Request &request)
{
    m_inFlight = true;
    auto slot = std::make_shared<std::optional<Result<QList<stats::ModelTotals>>>>();
    m_queries->post(
        [request, slot](Database &db) {
            *slot = stats::keyUsageByModel(db, request.keyId, request.fromMs, request.toMs);
            return QVariant();
        },
        this, [this, slot](const QVariant &) {
            m_inFlight = false;
            if (m_next) {
                const Request next = *std::exchange(m_next, std::nullopt);
                return post(next);
            }
            if (!slot->has_value())
                return emit loadFailed(tr("the database is not open"));
            if (!(*slot)->ok())
                return emit loadFailed((*slot)->error());
            beginResetModel();
            m_rows = (*slot)->value();
            endResetModel();
            emit loaded();
        });
}

int KeyUsageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyUsageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyUsageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::TextAlignmentRole && index.column() != ModelColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const stats::ModelTotals &r = m_rows.at(index.row());
    switch (index.column()) {
    case ModelColumn: return r.model.isEmpty() ? tr("(no model)") : r.model;
    case CallsColumn: return r.totals.requests;
    case FailuresColumn: return r.totals.failures;
    case PromptColumn: return r.totals.promptTokens;
    case CompletionColumn: return r.totals.completionTokens + r.totals.thoughtTokens;
    case TotalTokensColumn: return r.totals.totalTokens();
    }
    return {};
}

QVariant KeyUsageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ModelColumn: return tr("Model");
    case CallsColumn: return tr("Calls");
    case FailuresColumn: return tr("Failures");
    case PromptColumn: return tr("Prompt tokens");
    case CompletionColumn: return tr("Answer tokens");
    case TotalTokensColumn: return tr("Total tokens");
    }
    return {};
}

} // namespace gb
