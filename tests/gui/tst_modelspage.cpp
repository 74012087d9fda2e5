// The Models page against the real proxy on its own thread and the fake upstream: the list
// is what /v1beta/models serves (aliases in, FILTERED_MODELS out), asked of the proxy
// thread; a model checked as filtered disappears from the server's list at once.
#include "ModelListModel.h"
#include "ModelsPage.h"
#include "ProxyLink.h"
#include "ThreadedProxy.h"
#include "settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace gb;
using namespace gb::test;
using namespace Qt::StringLiterals;

namespace {

const QString kClientToken = u"sk-gb-models-page-client-token-00001"_s;

template<typename T>
T *find(QObject *root, const QString &name)
{
    T *child = root->findChild<T *>(name);
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

QStringList viewNames(QTableView *view)
{
    QStringList out;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        out << view->model()->index(row, 0).data(ModelListModel::NameRole).toString();
    return out;
}

QStringList servedNames(ThreadedProxy &p)
{
    const ThreadedProxy::Reply reply = p.call("GET", u"/v1beta/models"_s, kClientToken);
    QStringList out;
    for (const QJsonValue &m : QJsonDocument::fromJson(reply.body).object().value(u"models"_s).toArray())
        out << m.toObject().value(u"name"_s).toString().mid(7);  // without "models/"
    return out;
}

} // namespace

class TestModelsPage : public QObject
{
    Q_OBJECT
private:
    struct Fixture
    {
        std::unique_ptr<ThreadedProxy> proxy;
        std::unique_ptr<ProxyLink> link;
        std::unique_ptr<ModelsPage> page;
        ~Fixture()
        {
            page.reset();
            if (proxy)
                proxy->stop();
            link.reset();
        }
    };

    void make(Fixture &f)
    {
        SettingsValues values;
        values.apiKeys = {u"AIza"_s + QString(35, u'm')};
        values.allowedTokens = {kClientToken};
        values.authToken = u"models-page-admin-token-00000000001"_s;
        values.filteredModels = {u"gemini-2.0-flash"_s};
        values.searchModels = {u"gemini-2.5-flash"_s};
        values.imageModels = {u"gemini-2.0-flash-exp"_s};
        values.thinkingModels = {};
        f.proxy = std::make_unique<ThreadedProxy>(values);
        QVERIFY(f.proxy->ready);
        f.link = std::make_unique<ProxyLink>(f.proxy->proxy, f.proxy->settings.get());
        f.page = std::make_unique<ModelsPage>(f.link.get());
        f.page->show();
    }

private slots:
    void listShowsServedModelsWithAliasesAndWithoutFiltered()
    {
        Fixture f;
        make(f);
        QAbstractItemModelTester tester(f.page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(f.page->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *view = find<QTableView>(f.page.get(), u"modelTable"_s);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
        const QStringList shown = viewNames(view);
        QVERIFY(shown.contains(u"gemini-2.5-pro"_s));
        QVERIFY(shown.contains(u"gemini-2.5-flash-search"_s));
        QVERIFY(shown.contains(u"gemini-2.0-flash-exp-image"_s));
        QVERIFY(!shown.contains(u"gemini-2.0-flash"_s));          // FILTERED_MODELS
        QVERIFY(!shown.contains(u"gemini-2.5-pro-search"_s));     // not in SEARCH_MODELS
        QCOMPARE(shown, servedNames(*f.proxy));                   // exactly the server's list, in its order
        const int aliasRow = f.page->model()->rowOf(u"gemini-2.5-flash-search"_s);
        QCOMPARE(f.page->model()->index(aliasRow, ModelListModel::KindColumn).data().toString(), u"search alias"_s);
        QVERIFY(!(f.page->model()->flags(f.page->model()->index(aliasRow, ModelListModel::FilteredColumn))
                  & Qt::ItemIsUserCheckable));
        QVERIFY(find<QLabel>(f.page.get(), u"modelStatusLabel"_s)->text().contains(u"1 hidden"_s));

        // Hidden models on request; the text filter.
        find<QCheckBox>(f.page.get(), u"showFilteredCheck"_s)->setChecked(true);
        QVERIFY(viewNames(view).contains(u"gemini-2.0-flash"_s));
        find<QLineEdit>(f.page.get(), u"modelFilterEdit"_s)->setText(u"IMAGE"_s);
        QVERIFY(!viewNames(view).isEmpty());
        for (const QString &name : viewNames(view))
            QVERIFY2(name.contains(u"image"_s), qPrintable(name));
    }

    void checkingFilteredHidesTheModelFromTheServer()
    {
        Fixture f;
        make(f);
        QAbstractItemModelTester tester(f.page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *view = find<QTableView>(f.page.get(), u"modelTable"_s);
        QTRY_VERIFY_WITH_TIMEOUT(viewNames(view).contains(u"gemini-2.5-pro"_s), 10000);
        QVERIFY(servedNames(*f.proxy).contains(u"gemini-2.5-pro"_s));

        const int row = int(viewNames(view).indexOf(u"gemini-2.5-pro"_s));
        QVERIFY(view->model()->setData(view->model()->index(row, ModelListModel::FilteredColumn), Qt::Checked,
                                       Qt::CheckStateRole));
        Settings &settings = *f.proxy->settings;
        QCOMPARE(settings.snapshot()->filteredModels, (QStringList{u"gemini-2.0-flash"_s, u"gemini-2.5-pro"_s}));
        QCOMPARE(settings.source(u"FILTERED_MODELS"_s), SettingSource::Saved);
        QVERIFY(!servedNames(*f.proxy).contains(u"gemini-2.5-pro"_s));
        QTRY_VERIFY(!viewNames(view).contains(u"gemini-2.5-pro"_s));
        // The FILTERED_MODELS field on the page follows.
        QVERIFY(find<QPlainTextEdit>(f.page.get(), u"value_FILTERED_MODELS"_s)->toPlainText().contains(u"gemini-2.5-pro"_s));

        // Shown again, and unchecked: served again.
        find<QCheckBox>(f.page.get(), u"showFilteredCheck"_s)->setChecked(true);
        QTRY_VERIFY(viewNames(view).contains(u"gemini-2.5-pro"_s));
        const int hiddenRow = int(viewNames(view).indexOf(u"gemini-2.5-pro"_s));
        view->model()->setData(view->model()->index(hiddenRow, ModelListModel::FilteredColumn), Qt::Unchecked,
                               Qt::CheckStateRole);
        QVERIFY(servedNames(*f.proxy).contains(u"gemini-2.5-pro"_s));
    }

    void modelSettingsChangeTheAliases()
    {
        Fixture f;
        make(f);
        auto *view = find<QTableView>(f.page.get(), u"modelTable"_s);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
        QVERIFY(!viewNames(view).contains(u"gemini-2.5-pro-non-thinking"_s));
        find<QPlainTextEdit>(f.page.get(), u"value_THINKING_MODELS"_s)->setPlainText(u"gemini-2.5-pro"_s);
        find<QPlainTextEdit>(f.page.get(), u"value_THINKING_BUDGET_MAP"_s)->setPlainText(u"{\"gemini-2.5-pro\": 2048}"_s);
        find<QPushButton>(f.page.get(), u"applyModelSettingsButton"_s)->click();
        Settings &settings = *f.proxy->settings;
        QCOMPARE(settings.snapshot()->thinkingModels, QStringList{u"gemini-2.5-pro"_s});
        QCOMPARE(settings.snapshot()->thinkingBudgetMap.value(u"gemini-2.5-pro"_s), 2048.0);
        QVERIFY(servedNames(*f.proxy).contains(u"gemini-2.5-pro-non-thinking"_s));
        QTRY_VERIFY(viewNames(view).contains(u"gemini-2.5-pro-non-thinking"_s));

        // The budget per model, in the table too: shown, edited there, checked by the core.
        ModelListModel *model = f.page->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex budget = model->index(model->rowOf(u"gemini-2.5-pro"_s), ModelListModel::BudgetColumn);
        QCOMPARE(budget.data().toString(), u"2048"_s);
        QVERIFY(model->flags(budget) & Qt::ItemIsEditable);
        QVERIFY(!(model->flags(model->index(model->rowOf(u"gemini-2.5-pro-non-thinking"_s), ModelListModel::BudgetColumn))
                  & Qt::ItemIsEditable));
        QVERIFY(model->setData(model->index(model->rowOf(u"gemini-2.5-flash"_s), ModelListModel::BudgetColumn), u"512"_s));
        QCOMPARE(settings.snapshot()->thinkingBudgetMap.value(u"gemini-2.5-flash"_s), 512.0);
        QCOMPARE(model->index(model->rowOf(u"gemini-2.5-flash"_s), ModelListModel::BudgetColumn).data().toString(), u"512"_s);
        model->setData(model->index(model->rowOf(u"gemini-2.5-flash"_s), ModelListModel::BudgetColumn), u"-7"_s);
        QVERIFY(find<QLabel>(f.page.get(), u"modelStatusLabel"_s)->text().contains(u"THINKING_BUDGET_MAP"_s));
        QCOMPARE(settings.snapshot()->thinkingBudgetMap.value(u"gemini-2.5-flash"_s), 512.0);
        model->setData(model->index(model->rowOf(u"gemini-2.5-flash"_s), ModelListModel::BudgetColumn), QString());
        QVERIFY(!settings.snapshot()->thinkingBudgetMap.contains(u"gemini-2.5-flash"_s));

        // A budget out of range is refused by name, and nothing changes.
        find<QPlainTextEdit>(f.page.get(), u"value_THINKING_BUDGET_MAP"_s)->setPlainText(u"{\"gemini-2.5-pro\": -5}"_s);
        find<QPlainTextEdit>(f.page.get(), u"value_SEARCH_MODELS"_s)->setPlainText(u"[]"_s);
        find<QPushButton>(f.page.get(), u"applyModelSettingsButton"_s)->click();
        QVERIFY(find<QLabel>(f.page.get(), u"error_THINKING_BUDGET_MAP"_s)->text().contains(u"THINKING_BUDGET_MAP"_s));
        QCOMPARE(settings.snapshot()->searchModels, QStringList{u"gemini-2.5-flash"_s});
    }
};

QTEST_MAIN(TestModelsPage)
#include "tst_modelspage.moc"
