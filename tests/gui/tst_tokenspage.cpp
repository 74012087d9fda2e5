// The Tokens page shows an admin token generated at this start in full, once, and copies
// the admin token; client tokens are listed masked.

#include "TokenTableModel.h"
#include "TokensPage.h"
#include "settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

class TestTokensPage : public QObject
{
    Q_OBJECT
private slots:
    void generatedAdminTokenIsShownOnceAndCopied()
    {
        SettingsValues values;
        values.authToken = u"Gen3ratedAdminToken0123456789abc"_s;
        values.allowedTokens = {u"sk-gb-clienttokenforthetokenspage0001"_s};
        Settings settings(values, {});
        TokensPage page(&settings);
        page.show();
        auto *generated = page.findChild<QLabel *>(u"generatedAdminTokenLabel"_s);
        auto *admin = page.findChild<QLabel *>(u"adminTokenLabel"_s);
        auto *copy = page.findChild<QPushButton *>(u"copyAdminTokenButton"_s);
        auto *table = page.findChild<QTableView *>(u"tokenTable"_s);
        QVERIFY(generated && admin && copy && table);
        QVERIFY(!generated->isVisible());                      // nothing generated: nothing shown
        QVERIFY(!admin->text().contains(values.authToken));     // masked
        QCOMPARE(table->model()->rowCount(), 1);
        const QString shown = table->model()->index(0, TokenTableModel::TokenColumn).data().toString();
        QVERIFY(!shown.contains(values.allowedTokens.first()));

        page.showGeneratedAdminToken(values.authToken);
        QVERIFY(generated->isVisible());
        QVERIFY(generated->text().contains(values.authToken));

        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), values.authToken);
    }

    void tokenLabelSurvivesARestartOfThePage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString stateFile = dir.filePath(u"desktop.ini"_s);
        const QString first = u"sk-gb-labelledclienttoken000000000001"_s;
        const QString second = u"sk-gb-labelledclienttoken000000000002"_s;
        SettingsValues values;
        values.allowedTokens = {first, second};
        Settings settings(values, {});
        {
            QSettings state(stateFile, QSettings::IniFormat);
            TokensPage page(&settings, &state);
            QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            auto *table = page.findChild<QTableView *>(u"tokenTable"_s);
            QVERIFY(table);
            QCOMPARE(table->model()->rowCount(), 2);
            const QModelIndex label = table->model()->index(1, TokenTableModel::LabelColumn);
            QVERIFY(table->model()->flags(label) & Qt::ItemIsEditable);
            QVERIFY(!(table->model()->flags(table->model()->index(1, TokenTableModel::TokenColumn)) & Qt::ItemIsEditable));
            QVERIFY(table->model()->setData(label, u"CI runner"_s));
            QCOMPARE(label.data().toString(), u"CI runner"_s);
            // A generated token joins the table, without a label.
            page.findChild<QPushButton *>(u"newTokenButton"_s)->click();
            QCOMPARE(table->model()->rowCount(), 3);
            QCOMPARE(table->model()->index(2, TokenTableModel::LabelColumn).data().toString(), QString());
        }
        // The label is stored by the token's hash, never next to the token itself.
        QFile file(stateFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("CI runner"));
        QVERIFY(!stored.contains(second.toUtf8()));
        QVERIFY(!stored.contains("sk-gb-"));
        // ALLOWED_TOKENS keeps its plain list format.
        QCOMPARE(settings.snapshot()->allowedTokens.mid(0, 2), (QStringList{first, second}));

        QSettings state(stateFile, QSettings::IniFormat);
        TokensPage again(&settings, &state);
        auto *table = again.findChild<QTableView *>(u"tokenTable"_s);
        QCOMPARE(table->model()->index(0, TokenTableModel::LabelColumn).data().toString(), QString());
        QCOMPARE(table->model()->index(1, TokenTableModel::LabelColumn).data().toString(), u"CI runner"_s);
    }
};

QTEST_MAIN(TestTokensPage)
#include "tst_tokenspage.moc"
