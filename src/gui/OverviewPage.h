#pragma once

#include "ServerSnapshot.h"

#include <QWidget>

#include <memory>

namespace Ui { class OverviewPage; }

namespace gb {

class DashboardFeed;
class DashboardView;
class ProxyLink;
class QueryRunner;

// Server state at a glance: where it listens, the base URLs and a client token ready to
// paste into a client, the keys' health, and the statistics charts (DashboardView, fed
// from the database through `queries`, which may be null).
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(ProxyLink *link, QueryRunner *queries = nullptr, QWidget *parent = nullptr);
    ~OverviewPage() override;

    DashboardView *dashboard() const { return m_dashboard; }

private:
    void showSnapshot(const ServerSnapshot &snapshot);
    void showToken();
    void generateToken();
    QString firstToken() const;

    std::unique_ptr<Ui::OverviewPage> ui;
    ProxyLink *m_link;
    DashboardFeed *m_feed;
    QString m_startError;  // why the last start failed (e.g. TLS_KEY_FILE), shown while stopped
    DashboardView *m_dashboard;
};

} // namespace gb
