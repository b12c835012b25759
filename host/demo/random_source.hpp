// The demo generator's only source of randomness. std:: distributions are implementation-defined
// and std::log/std::exp may differ in the last bit between libm builds (glibc picks FMA variants at
// run time), so every sample here is built from a splitmix64 stream and IEEE-754 +, -, *, /, sqrt
// only: the same seed gives the same bits on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace sellerscore::demo {

class RandomSource {
public:
    explicit RandomSource(std::uint64_t seed) : state_(seed) {}

    // An independent stream for one part of the data (a phase, a contact), so that changing how
    // much one part draws does not shift every sample after it.
    RandomSource fork(std::uint64_t stream) const;

    std::uint64_t next_u64();
    // Uniform in [0, 1), 53 random bits.
    double uniform();
    double uniform(double low, double high);
    // Uniform over the integers low..high inclusive; high >= low.
    std::int64_t uniform_int(std::int64_t low, std::int64_t high);
    bool chance(double probability);
    double normal(double mean, double standard_deviation);
    double exponential(double mean);
    // exp(normal(log(median), sigma)): positive, right-skewed, like deal sizes and call lengths.
    double lognormal(double median, double sigma);
    // An index drawn with probability proportional to its weight; weights are >= 0, not all 0.
    std::size_t choice(std::span<const double> weights);

private:
    std::uint64_t state_;
};

}  // namespace sellerscore::demo
