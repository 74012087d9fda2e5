#include "ErrorLogModel.h"

#include "store/QueryRunner.h"

#include <QDateTime>
#include <QJsonDocument>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

// A job's result, filled on the query thread and read on this one after the answer.
template <typename T>
using Slot = std::shared_ptr<std::optional<Result<T>>>;

template <typename T>
Slot<T> makeSlot()
{
    return std::make_shared<std::optional<Result<T>>>();
}

// The slot's error, or a word on the closed database when the job never ran.
template <typename T>
QString errorOf(const Slot<T> &slot)
{
    if (!slot->has_value())
        return ErrorLogModel::tr("the database is not open");
    return (*slot)->ok() ? QString() : (*slot)->error();
}

errorlogs::SortColumn sortColumnOf(int column)
{
    switch (column) {
    case ErrorLogModel::TimeColumn: return errorlogs::SortColumn::RequestTime;
    case ErrorLogModel::KeyColumn: return errorlogs::SortColumn::Key;
    case ErrorLogModel::ModelColumn: return errorlogs::SortColumn::Model;
    case ErrorLogModel::TypeColumn: return errorlogs::SortColumn::ErrorType;
    case ErrorLogModel::CodeColumn: return errorlogs::SortColumn::ErrorCode;
    default: return errorlogs::SortColumn::Id;
    }
}

// JSON indented for reading; anything else as it is.
QString readable(const QString &text)
{
    const QJsonDocument json = QJsonDocument::fromJson(text.toUtf8());
    return json.isNull() ? text : QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

QString ErrorLogModel::detailsText(const errorlogs::ErrorLogRow &row, const QTimeZone &zone)
{
    QStringList lines;
    lines << tr("#%1 at %2, key %3, model %4")
                 .arg(row.id)
                 .arg(QDateTime::fromMSecsSinceEpoch(row.timeMs, zone).toString(u"yyyy-MM-dd HH:mm:ss"_s), row.keyHint,
                      row.model.isEmpty() ? tr("(none)") : row.model);
    lines << tr("%1, status %2").arg(row.errorType, row.hasCode ? QString::number(row.errorCode) : tr("none (no answer)"));
    lines << QString() << tr("Upstream answer:") << readable(row.errorLog);
    lines << QString() << tr("Request body:");
    lines << (row.requestMsg.isEmpty() ? tr("(not recorded: see ERROR_LOG_RECORD_REQUEST_BODY)") : readable(row.requestMsg));
    return lines.join(u'\n');
}

ErrorLogModel::ErrorLogModel(QueryRunner *queries, QObject *parent) : QAbstractTableModel(parent), m_queries(queries)
{
    m_filter.limit = kDefaultPageSize;
}

void ErrorLogModel::setFilter(const errorlogs::ListFilter &filter)
{
    errorlogs::ListFilter f = filter;
    f.sortBy = m_filter.sortBy;
    f.ascending = m_filter.ascending;
    f.limit = m_filter.limit;
    f.offset = 0;
    m_filter = f;
    m_page = 0;
    reload();
}

void ErrorLogModel::setQuery(const errorlogs::ListFilter &query)
{
    m_filter = query;
    m_filter.limit = std::clamp(query.limit, 1, 1000);
    m_filter.offset = 0;
    m_page = 0;
    reload();
}

void ErrorLogModel::setPageSize(int rows)
{
    m_filter.limit = std::clamp(rows, 1, 1000);
    m_page = 0;
    reload();
}

int ErrorLogModel::pageCount() const
{
    return int(std::max<qint64>(1, (m_total + m_filter.limit - 1) / m_filter.limit));
}

void ErrorLogModel::setPage(int page)
{
    m_page = std::clamp(page, 0, pageCount() - 1);
    reload();
}

void ErrorLogModel::sort(int column, Qt::SortOrder order)
{
    const errorlogs::SortColumn by = sortColumnOf(column);
    const bool ascending = order == Qt::AscendingOrder;
    if (by == m_filter.sortBy && ascending == m_filter.ascending)
        return;  // e.g. a view that turns sorting on: no query for nothing
    m_filter.sortBy = by;
    m_filter.ascending = ascending;
    reload();
}

void ErrorLogModel::reload()
{
    if (!m_queries) {
        emit loadFailed(tr("the database is not open"));
        return;
    }
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    ++m_listQueries;
    errorlogs::ListFilter f = m_filter;
    f.offset = m_page * f.limit;
    auto slot = makeSlot<errorlogs::ListPage>();
    m_queries->post([f, slot](Database &db) { *slot = errorlogs::list(db, f); return QVariant(); }, this,
                    [this, slot](const QVariant &) {
                        m_inFlight = false;
                        if (std::exchange(m_again, false))
                            return reload();  // the model changed meanwhile: this page is stale
                        if (const QString error = errorOf(slot); !error.isEmpty())
                            return emit loadFailed(error);
                        showPage((*slot)->value());
                    });
}

void ErrorLogModel::showPage(const errorlogs::ListPage &page)
{
    if (page.rows.isEmpty() && m_page > 0 && page.total > 0) {
        // Rows went (deleted, or the log was trimmed): show the last page there is.
        m_total = page.total;
        m_page = pageCount() - 1;
        return reload();
    }
    beginResetModel();
    m_rows = page.rows;
    m_total = page.total;
    endResetModel();
    emit loaded();
}

void ErrorLogModel::requestDetails(qint64 id)
{
    if (!m_queries)
        return emit detailsFailed(id, tr("the database is not open"));
    auto slot = makeSlot<std::optional<errorlogs::ErrorLogRow>>();
    m_queries->post([id, slot](Database &db) { *slot = errorlogs::details(db, id); return QVariant(); }, this,
                    [this, id, slot](const QVariant &) {
                        if (const QString error = errorOf(slot); !error.isEmpty())
                            return emit detailsFailed(id, error);
                        if (!(*slot)->value())
                            return emit detailsFailed(id, tr("this entry is no longer in the log"));
                        emit detailsReady(*(*slot)->value());
                    });
}

void ErrorLogModel::removeIds(const QList<qint64> &ids)
{
    if (!m_queries)
        return emit removeFailed(tr("the database is not open"));
    auto slot = makeSlot<qint64>();
    m_queries->post([ids, slot](Database &db) { *slot = errorlogs::removeIds(db, ids); return QVariant(); }, this,
                    [this, slot](const QVariant &) {
                        if (const QString error = errorOf(slot); !error.isEmpty())
                            emit removeFailed(error);
                        else
                            emit removed((*slot)->value());
                        reload();
                    });
}

void ErrorLogModel::removeAll()
{
    if (!m_queries)
        return emit removeFailed(tr("the database is not open"));
    auto slot = makeSlot<qint64>();
    m_queries->post([slot](Database &db) { *slot = errorlogs::removeAll(db); return QVariant(); }, this,
                    [this, slot](const QVariant &) {
                        if (const QString error = errorOf(slot); !error.isEmpty())
                            emit removeFailed(error);
                        else
                            emit removed((*slot)->value());
                        m_page = 0;
                        reload();
                    });
}

int ErrorLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ErrorLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ErrorLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const errorlogs::ErrorLogRow &r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == CodeColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn: return r.id;
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(r.timeMs, m_zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case KeyColumn: return r.keyHint;
    case ModelColumn: return r.model;
    case TypeColumn: return r.errorType;
    case CodeColumn: return r.hasCode ? QVariant(r.errorCode) : QVariant(tr("none"));
    }
    return {};
}

QVariant ErrorLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case KeyColumn: return tr("Key");
    case ModelColumn: return tr("Model");
    case TypeColumn: return tr("Type");
    case CodeColumn: return tr("Code");
    }
    return {};
}

} // namespace gb
