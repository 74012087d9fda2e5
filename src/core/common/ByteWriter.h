#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <charconv>
#include <cstring>

namespace gb {

// Bytes written into a QByteArray allocated once, for the HTTP heads built on every request
// (a response's status line and fields, an upstream request). QByteArray::append costs ~130
// instructions a call under callgrind, a dozen calls per head; this is a bounds check and a
// memcpy. `capacity` is the caller's estimate: writing past it grows the array (correct,
// only slower).
class ByteWriter
{
public:
    explicit ByteWriter(qsizetype capacity) : m_out(capacity, Qt::Uninitialized) {}

    ByteWriter &operator<<(QByteArrayView bytes)
    {
        const qsizetype n = bytes.size();
        if (m_size + n > m_out.size())
            grow(n);
        if (n > 0)
            std::memcpy(m_out.data() + m_size, bytes.data(), size_t(n));
        m_size += n;
        return *this;
    }
    ByteWriter &operator<<(char c)
    {
        if (m_size + 1 > m_out.size())
            grow(1);
        m_out.data()[m_size++] = c;
        return *this;
    }
    // A decimal integer.
    ByteWriter &number(long long value)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        return *this << QByteArrayView(digits, end - digits);
    }

    qsizetype size() const { return m_size; }
    QByteArray take()
    {
        m_out.truncate(m_size);
        return std::move(m_out);
    }

private:
    void grow(qsizetype n) { m_out.resize(qMax(m_size + n, 2 * m_out.size())); }

    QByteArray m_out;
    qsizetype m_size = 0;
};

} // namespace gb
