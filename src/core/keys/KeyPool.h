#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace gb {

// The state of one API key, as the UI and the admin API see it.
struct KeyState
{
    QString key;
    int failures = 0;       // consecutive counted failures; reset by a success
    bool disabled = false;  // failures reached MAX_FAILURES
    quint64 successes = 0;  // totals since start
    quint64 failuresTotal = 0;
    QString lastError;      // short, already redacted
};

// The pool of Gemini API keys: round-robin selection over usable keys, failure counting,
// and MAX_FAILURES disabling. Lives on the proxy thread.
class KeyPool : public QObject
{
    Q_OBJECT
public:
    explicit KeyPool(QObject *parent = nullptr);

    // Replaces the key list (duplicates and blanks dropped, order kept). Keys that remain
    // keep their state; the round-robin position stays on the same key if it remains.
    void setKeys(const QStringList &keys);
    void setMaxFailures(int maxFailures);

    int size() const { return int(m_keys.size()); }
    int usableCount() const;
    bool contains(const QString &key) const { return m_index.contains(key); }

    // The next usable key in round-robin order that is not in `exclude`,
    // or an empty string when there is none.
    QString next(const QSet<QString> &exclude = {});

    void reportSuccess(const QString &key);
    // Adds `weight` to the key's failure count (0 records the error without counting it).
    void reportFailure(const QString &key, int weight, const QString &error);

    QList<KeyState> states() const;
    KeyState state(const QString &key) const;

signals:
    void keyDisabled(const QString &key);
    void stateChanged();

private:
    QVector<KeyState> m_keys;
    QHash<QString, int> m_index;
    int m_cursor = 0;
    int m_maxFailures = 3;
};

} // namespace gb
