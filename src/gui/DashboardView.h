#pragma once

#include "DashboardFeed.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
namespace Ui { class DashboardView; }

namespace gb {

// The Overview page's charts: calls per bucket (success, failure), latency percentiles,
// tokens per model and calls per key, over a chosen range. It only draws what its
// DashboardFeed delivers: series and axes are made once and their points replaced in
// place, so a live update neither flickers nor resets anything. The feed runs only while
// this widget is shown.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardView(DashboardFeed *feed, QWidget *parent = nullptr);
    ~DashboardView() override;

    DashboardFeed *feed() const { return m_feed; }
    QLineSeries *successSeries() const { return m_success; }
    QLineSeries *failureSeries() const { return m_failure; }
    QLineSeries *latencySeries(int percentile) const;  // 50, 90 or 99
    QBarSet *promptTokenSet() const { return m_prompt; }
    QBarSet *completionTokenSet() const { return m_completion; }
    QBarSet *thoughtTokenSet() const { return m_thought; }
    QBarSet *keyCallSet() const { return m_keyCalls; }
    QBarCategoryAxis *modelAxis() const { return m_modelAxis; }
    QBarCategoryAxis *keyAxis() const { return m_keyAxis; }
    QDateTimeAxis *requestsTimeAxis() const { return m_requestsTime; }
    QDateTimeAxis *latencyTimeAxis() const { return m_latencyTime; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showData(const DashboardData &data);
    QChartView *addChart(const QString &title, const QString &objectName, int row, int column);
    void buildCallsChart();
    void buildLatencyChart();
    void buildTokensChart();
    void buildKeysChart();

    std::unique_ptr<Ui::DashboardView> ui;
    QPointer<DashboardFeed> m_feed;  // may go first (a sibling child of the page)
    QLineSeries *m_success = nullptr, *m_failure = nullptr;
    QLineSeries *m_p50 = nullptr, *m_p90 = nullptr, *m_p99 = nullptr;
    QDateTimeAxis *m_requestsTime = nullptr, *m_latencyTime = nullptr;
    QValueAxis *m_requestsValue = nullptr, *m_latencyValue = nullptr, *m_tokensValue = nullptr, *m_keysValue = nullptr;
    QBarSet *m_prompt = nullptr, *m_completion = nullptr, *m_thought = nullptr, *m_keyCalls = nullptr;
    QBarCategoryAxis *m_modelAxis = nullptr, *m_keyAxis = nullptr;
};

} // namespace gb
