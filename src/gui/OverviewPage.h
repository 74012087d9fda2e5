#pragma once

#include "ServerSnapshot.h"

#include <QWidget>

#include <memory>

namespace Ui { class OverviewPage; }

namespace gb {

class ProxyLink;

// Server state at a glance: where it listens, the base URLs and a client token ready to
// paste into a client, and the keys' health. (The statistics charts go into chartsLayout
// when the statistics API is there.)
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(ProxyLink *link, QWidget *parent = nullptr);
    ~OverviewPage() override;

private:
    void showSnapshot(const ServerSnapshot &snapshot);
    void showToken();
    void generateToken();
    QString firstToken() const;

    std::unique_ptr<Ui::OverviewPage> ui;
    ProxyLink *m_link;
};

} // namespace gb
