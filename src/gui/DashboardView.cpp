#include "DashboardView.h"

#include "ui_DashboardView.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace gb {

namespace {

QLineSeries *lineSeries(QChart *chart, const QString &name, const QColor &color)
{
    auto *series = new QLineSeries;
    series->setName(name);
    series->setColor(color);
    chart->addSeries(series);
    return series;
}

// Changes only what differs, so an unchanged bar is not redrawn and the set stays the same object.
// QDateTimeAxis labels times in the system's zone. Each time moves by the difference
// between the data's zone (TIMEZONE) and the system's at that moment, so the axis reads
// the data zone's wall clock.
qint64 wallClockMs(qint64 ms, const QTimeZone &zone)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    return ms + 1000LL * (zone.offsetFromUtc(t) - t.offsetFromUtc());
}

QList<QPointF> inWallClock(QList<QPointF> points, const QTimeZone &zone)
{
    for (QPointF &p : points)
        p.setX(qreal(wallClockMs(qint64(p.x()), zone)));
    return points;
}

void setValues(QBarSet *set, const QList<qreal> &values)
{
    if (set->count() == values.size()) {
        for (int i = 0; i < values.size(); ++i)
            if (set->at(i) != values.at(i))
                set->replace(i, values.at(i));
        return;
    }
    set->remove(0, set->count());
    set->append(values);
}

void setCategories(QBarCategoryAxis *axis, const QStringList &categories)
{
    if (axis->categories() != categories)
        axis->setCategories(categories);
}

qreal maxY(const QList<QList<QPointF>> &lists)
{
    qreal top = 0;
    for (const QList<QPointF> &points : lists)
        for (const QPointF &p : points)
            top = std::max(top, p.y());
    return top;
}

// A value axis from 0 to a round number at or above `top`, with at most six ticks, each
// on a whole step of 1, 2 or 5 times a power of ten (counts never get fractional labels).
void setTop(QValueAxis *axis, qreal top)
{
    const qreal wanted = std::max<qreal>(top, 1) / 5;
    qreal step = 1;
    for (qreal magnitude = 1; magnitude < 1e15 && step < wanted; magnitude *= 10)
        for (const qreal m : {1, 2, 5})
            if (step < wanted)
                step = m * magnitude;
    const int steps = std::max(2, int(std::ceil(top / step)));
    axis->setRange(0, steps * step);
    axis->setTickCount(steps + 1);
}

// Horizontal bars draw the first category at the bottom: the lists go in reversed, so the
// largest (first) is on top.
template <typename T>
QList<T> reversed(QList<T> list)
{
    std::reverse(list.begin(), list.end());
    return list;
}

} // namespace

DashboardView::DashboardView(DashboardFeed *feed, QWidget *parent)
    : QWidget(parent), ui(new Ui::DashboardView), m_feed(feed)
{
    ui->setupUi(this);
    ui->rangeCombo->addItem(tr("Last hour"), int(DashboardRange::LastHour));
    ui->rangeCombo->addItem(tr("Last 24 hours"), int(DashboardRange::LastDay));
    ui->rangeCombo->addItem(tr("Last 7 days"), int(DashboardRange::LastWeek));
    ui->rangeCombo->setCurrentIndex(ui->rangeCombo->findData(int(m_feed->range())));
    ui->noTrafficLabel->setVisible(false);
    buildCallsChart();
    buildLatencyChart();
    buildTokensChart();
    buildKeysChart();
    connect(ui->rangeCombo, &QComboBox::currentIndexChanged, this,
            [this] {
                if (m_feed)
                    m_feed->setRange(DashboardRange(ui->rangeCombo->currentData().toInt()));
            });
    connect(m_feed, &DashboardFeed::dataReady, this, &DashboardView::showData);
}

DashboardView::~DashboardView()
{
    if (m_feed)
        m_feed->setActive(false);
}

QLineSeries *DashboardView::latencySeries(int percentile) const
{
    return percentile == 50 ? m_p50 : percentile == 90 ? m_p90 : percentile == 99 ? m_p99 : nullptr;
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_feed)
        m_feed->setActive(true);
}

void DashboardView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_feed)
        m_feed->setActive(false);
}

QChartView *DashboardView::addChart(const QString &title, const QString &objectName, int row, int column)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, this);  // owns the chart
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    ui->chartGrid->addWidget(view, row, column);
    return view;
}

void DashboardView::buildCallsChart()
{
    QChart *chart = addChart(tr("Calls"), u"callsChartView"_s, 0, 0)->chart();
    m_success = lineSeries(chart, tr("succeeded"), QColor(0x2e, 0x9e, 0x4f));
    m_failure = lineSeries(chart, tr("failed"), QColor(0xd1, 0x3b, 0x3b));
    m_requestsTime = new QDateTimeAxis;
    m_requestsValue = new QValueAxis;
    m_requestsValue->setLabelFormat(u"%d"_s);
    chart->addAxis(m_requestsTime, Qt::AlignBottom);
    chart->addAxis(m_requestsValue, Qt::AlignLeft);
    for (QLineSeries *s : {m_success, m_failure}) {
        s->attachAxis(m_requestsTime);
        s->attachAxis(m_requestsValue);
    }
}

void DashboardView::buildLatencyChart()
{
    QChart *chart = addChart(tr("Latency (ms)"), u"latencyChartView"_s, 0, 1)->chart();
    m_p50 = lineSeries(chart, tr("p50"), QColor(0x3b, 0x7d, 0xd8));
    m_p90 = lineSeries(chart, tr("p90"), QColor(0xe0, 0x8e, 0x1b));
    m_p99 = lineSeries(chart, tr("p99"), QColor(0x9b, 0x3b, 0xd1));
    m_latencyTime = new QDateTimeAxis;
    m_latencyValue = new QValueAxis;
    m_latencyValue->setLabelFormat(u"%d"_s);
    chart->addAxis(m_latencyTime, Qt::AlignBottom);
    chart->addAxis(m_latencyValue, Qt::AlignLeft);
    for (QLineSeries *s : {m_p50, m_p90, m_p99}) {
        s->attachAxis(m_latencyTime);
        s->attachAxis(m_latencyValue);
    }
}

void DashboardView::buildTokensChart()
{
    QChart *chart = addChart(tr("Tokens per model"), u"tokensChartView"_s, 1, 0)->chart();
    auto *series = new QHorizontalStackedBarSeries;
    m_prompt = new QBarSet(tr("prompt"));
    m_completion = new QBarSet(tr("completion"));
    m_thought = new QBarSet(tr("thoughts"));
    series->append({m_prompt, m_completion, m_thought});
    chart->addSeries(series);
    m_modelAxis = new QBarCategoryAxis;
    m_tokensValue = new QValueAxis;
    m_tokensValue->setLabelFormat(u"%d"_s);
    chart->addAxis(m_modelAxis, Qt::AlignLeft);
    chart->addAxis(m_tokensValue, Qt::AlignBottom);
    series->attachAxis(m_modelAxis);
    series->attachAxis(m_tokensValue);
}

void DashboardView::buildKeysChart()
{
    QChart *chart = addChart(tr("Calls per key"), u"keysChartView"_s, 1, 1)->chart();
    auto *series = new QHorizontalBarSeries;
    m_keyCalls = new QBarSet(tr("calls"));
    series->append(m_keyCalls);
    chart->addSeries(series);
    chart->legend()->setVisible(false);
    m_keyAxis = new QBarCategoryAxis;
    m_keysValue = new QValueAxis;
    m_keysValue->setLabelFormat(u"%d"_s);
    chart->addAxis(m_keyAxis, Qt::AlignLeft);
    chart->addAxis(m_keysValue, Qt::AlignBottom);
    series->attachAxis(m_keyAxis);
    series->attachAxis(m_keysValue);
}

void DashboardView::showData(const DashboardData &data)
{
    if (!data.error.isEmpty())
        ui->noTrafficLabel->setText(tr("Statistics unavailable: %1").arg(data.error));
    else if (!data.hasTraffic())
        ui->noTrafficLabel->setText(tr("No traffic yet in this range: the charts fill in as calls arrive."));
    ui->noTrafficLabel->setVisible(!data.error.isEmpty() || !data.hasTraffic());

    const QTimeZone &zone = data.zone;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(wallClockMs(data.fromMs, zone));
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(wallClockMs(std::max(data.toMs, data.fromMs + 1), zone));
    const QString format = data.range == DashboardRange::LastWeek ? u"MM-dd HH:mm"_s : u"HH:mm"_s;
    for (QDateTimeAxis *axis : {m_requestsTime, m_latencyTime}) {
        axis->setFormat(format);
        axis->setRange(from, to);
    }
    m_success->replace(inWallClock(data.success, zone));
    m_failure->replace(inWallClock(data.failure, zone));
    setTop(m_requestsValue, maxY({data.success, data.failure}));
    m_p50->replace(inWallClock(data.p50, zone));
    m_p90->replace(inWallClock(data.p90, zone));
    m_p99->replace(inWallClock(data.p99, zone));
    setTop(m_latencyValue, maxY({data.p50, data.p90, data.p99}));

    setCategories(m_modelAxis, reversed(data.models));
    setValues(m_prompt, reversed(data.promptTokens));
    setValues(m_completion, reversed(data.completionTokens));
    setValues(m_thought, reversed(data.thoughtTokens));
    qreal tokensTop = 0;
    for (qsizetype i = 0; i < data.models.size(); ++i)
        tokensTop = std::max(tokensTop, data.promptTokens.at(i) + data.completionTokens.at(i) + data.thoughtTokens.at(i));
    setTop(m_tokensValue, tokensTop);

    setCategories(m_keyAxis, reversed(data.keyHints));
    setValues(m_keyCalls, reversed(data.keyCalls));
    setTop(m_keysValue, data.keyCalls.isEmpty() ? 0 : *std::max_element(data.keyCalls.cbegin(), data.keyCalls.cend()));
}

} // namespace gb
