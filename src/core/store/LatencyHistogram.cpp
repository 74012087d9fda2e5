#include "store/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace gb {

double LatencyHistogram::lowerBoundMs(int bucket)
{
    return bucket <= 0 ? 0.0 : std::ldexp(1.0, bucket - 1);
}

double LatencyHistogram::upperBoundMs(int bucket)
{
    if (bucket >= kBuckets - 1)
        return lowerBoundMs(kBuckets - 1);
    return std::ldexp(1.0, bucket);
}

qint64 LatencyHistogram::total() const
{
    qint64 sum = 0;
    for (qint64 c : counts)
        sum += c;
    return sum;
}

void LatencyHistogram::add(const LatencyHistogram &other)
{
    for (int i = 0; i < kBuckets; ++i)
        counts[i] += other.counts[i];
}

double LatencyHistogram::quantileMs(double q) const
{
    const qint64 n = total();
    if (n <= 0)
        return 0.0;
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * double(n);
    double below = 0;
    for (int i = 0; i < kBuckets; ++i) {
        const double c = double(counts[i]);
        if (c > 0 && below + c >= rank) {
            const double lo = lowerBoundMs(i);
            const double hi = upperBoundMs(i);
            return lo + (hi - lo) * ((rank - below) / c);
        }
        below += c;
    }
    return upperBoundMs(kBuckets - 1);
}

} // namespace gb
