#include "KeyFilterModel.h"
#include "KeyTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gb;
using namespace Qt::StringLiterals;

namespace {
KeyState key(const QString &name, int failures = 0)
{
    KeyState s;
    s.key = u"AIza"_s + name.leftJustified(35, u'x');
    s.failures = failures;
    return s;
}

QList<KeyState> manyKeys(int n)
{
    QList<KeyState> states;
    for (int i = 0; i < n; ++i)
        states.append(key(u"k%1"_s.arg(i, 5, 10, QLatin1Char('0'))));
    return states;
}

QStringList keysOf(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(KeyTableModel::KeyRole).toString());
    return out;
}

QStringList keysOf(const QList<KeyState> &states)
{
    QStringList out;
    for (const KeyState &s : states)
        out.append(s.key);
    return out;
}
} // namespace

class TestKeyTableModel : public QObject
{
    Q_OBJECT
private slots:
    void showsKeysMaskedWithTheirState()
    {
        KeyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 now = 1'000'000;
        QList<KeyState> states{key(u"a"_s), key(u"b"_s, 2), key(u"c"_s)};
        states[1].lastError = u"429 per-minute quota"_s;
        states[1].cooldowns.insert(u"gemini-2.5-flash"_s, Cooldown{now + 90'000, 1, false, {}});
        states[2].disabled = DisableReason::Manual;
        states[2].weight = 7;
        model.setStates(states, now);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(KeyTableModel::ColumnCount));
        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, KeyTableModel::StateColumn), u"active"_s);
        QCOMPARE(cell(1, KeyTableModel::StateColumn), u"cooling"_s);
        QCOMPARE(cell(2, KeyTableModel::StateColumn), u"disabled"_s);
        QVERIFY(!cell(0, KeyTableModel::KeyColumn).contains(states[0].key));  // masked
        QVERIFY(cell(0, KeyTableModel::KeyColumn).startsWith(u"AIzaax"_s));
        QCOMPARE(model.index(0, KeyTableModel::KeyColumn).data(KeyTableModel::KeyRole).toString(), states[0].key);
        QCOMPARE(cell(1, KeyTableModel::FailuresColumn), u"2"_s);
        QCOMPARE(cell(1, KeyTableModel::LastErrorColumn), u"429 per-minute quota"_s);
        QCOMPARE(cell(1, KeyTableModel::CooldownColumn), u"2 min"_s);
        QCOMPARE(cell(0, KeyTableModel::CooldownColumn), QString());
        QCOMPARE(cell(2, KeyTableModel::WeightColumn), u"7"_s);
        QCOMPARE(model.headerData(KeyTableModel::LastErrorColumn, Qt::Horizontal).toString(), u"Last error"_s);
        QCOMPARE(KeyTableModel::durationText(45'000), u"45 s"_s);
        QCOMPARE(KeyTableModel::durationText(3 * 3600'000 + 5 * 60'000), u"3 h 5 min"_s);
    }

    void changedRowsOnlyAndNeverAReset()
    {
        KeyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<KeyState> states = manyKeys(5000);
        model.setStates(states, 1000);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setStates(states, 1000);  // nothing changed
        QCOMPARE(changes.count(), 0);
        states[10].failures = 1;
        states[11].failures = 1;
        states[4000].lastError = u"timeout"_s;
        model.setStates(states, 1000);
        QCOMPARE(changes.count(), 2);  // rows 10-11 as one run, 4000 alone
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 10);
        QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 11);
        QCOMPARE(changes.at(1).at(0).toModelIndex().row(), 4000);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.index(4000, KeyTableModel::LastErrorColumn).data().toString(), u"timeout"_s);
    }

    void addedAndRemovedKeysAreRowInsertsAndRemoves()
    {
        KeyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<KeyState> all = manyKeys(10);
        model.setStates(all.mid(0, 6), 0);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // Remove 1 and 2, 5; add 6..9 at the end and a new key in the middle.
        QList<KeyState> next{all[0], all[3], all[8], all[4], all[6], all[7], all[9]};
        model.setStates(next, 0);
        QCOMPARE(keysOf(model), keysOf(next));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 2);   // 5, then 1..2
        QCOMPARE(inserted.count(), 2);  // 8 in the middle, 6,7,9 at the end
        // A reordered list is a reset (and still right).
        QList<KeyState> reordered{all[9], all[0]};
        model.setStates(reordered, 0);
        QCOMPARE(keysOf(model), keysOf(reordered));
        model.setStates({}, 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOf(all[0].key), -1);
    }

    void filtersAndSorts()
    {
        KeyTableModel model;
        KeyFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 now = 5000;
        QList<KeyState> states{key(u"alpha"_s, 3), key(u"beta"_s, 1), key(u"gamma"_s, 2)};
        states[1].disabled = DisableReason::MaxFailures;
        states[1].lastError = u"403 PERMISSION_DENIED"_s;
        states[2].cooldowns.insert(u"m"_s, Cooldown{now + 1000, 1, false, {}});
        model.setStates(states, now);
        filter.setConditionFilter(int(KeyCondition::Disabled));
        QCOMPARE(keysOf(filter), QStringList{states[1].key});
        filter.setConditionFilter(-1);
        filter.setTextFilter(u"gamma"_s);  // the full key matches although it shows masked
        QCOMPARE(keysOf(filter), QStringList{states[2].key});
        filter.setTextFilter(u"permission"_s);
        QCOMPARE(keysOf(filter), QStringList{states[1].key});
        filter.setTextFilter({});
        filter.sort(KeyTableModel::FailuresColumn, Qt::DescendingOrder);
        QCOMPARE(keysOf(filter), (QStringList{states[0].key, states[2].key, states[1].key}));
        // A snapshot that changes failures re-sorts in place.
        states[1].failures = 9;
        model.setStates(states, now);
        QCOMPARE(keysOf(filter).first(), states[1].key);
        filter.setConditionFilter(int(KeyCondition::Cooling));
        QCOMPARE(keysOf(filter), QStringList{states[2].key});
        // The cooldown ends: the key leaves the cooling filter on the next snapshot.
        model.setStates(states, now + 2000);
        QCOMPARE(filter.rowCount(), 0);
    }
};

QTEST_MAIN(TestKeyTableModel)
#include "tst_keytablemodel.moc"
