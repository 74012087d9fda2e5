// The Tokens page shows an admin token generated at this start in full, once, and copies
// the admin token; client tokens are listed masked.

#include "TokensPage.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QListWidget>
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
        auto *list = page.findChild<QListWidget *>(u"tokenList"_s);
        QVERIFY(generated && admin && copy && list);
        QVERIFY(!generated->isVisible());                      // nothing generated: nothing shown
        QVERIFY(!admin->text().contains(values.authToken));     // masked
        QCOMPARE(list->count(), 1);
        QVERIFY(!list->item(0)->text().contains(values.allowedTokens.first()));

        page.showGeneratedAdminToken(values.authToken);
        QVERIFY(generated->isVisible());
        QVERIFY(generated->text().contains(values.authToken));

        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), values.authToken);
    }
};

QTEST_MAIN(TestTokensPage)
#include "tst_tokenspage.moc"
