#pragma once

#include <QtGlobal>

#include <array>

namespace gb {

// The latency histogram of gb_counters_minute: bucket 0 holds [0,1) ms, bucket i > 0 holds
// [2^(i-1), 2^i) ms, and the last bucket is open-ended (everything from 16384 ms up).
struct LatencyHistogram
{
    static constexpr int kBuckets = 16;
    std::array<qint64, kBuckets> counts{};

    static double lowerBoundMs(int bucket);
    // The upper bound used for interpolation; the open last bucket has none (returns its lower bound).
    static double upperBoundMs(int bucket);

    qint64 total() const;
    void add(const LatencyHistogram &other);
    // The q-quantile (0..1) in ms, interpolated linearly inside the bucket holding rank q*total,
    // as Prometheus' histogram_quantile does; 0 for an empty histogram. Inside the open last
    // bucket the answer is its lower bound (16384 ms): we only know "at least that".
    double quantileMs(double q) const;
};

} // namespace gb
