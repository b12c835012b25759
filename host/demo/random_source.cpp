#include "random_source.hpp"

#include <cmath>

namespace sellerscore::demo {

namespace {

constexpr double ln2_high = 6.93147180369123816490e-01;  // ln 2 split so k·ln2_high is exact
constexpr double ln2_low = 1.90821492927058770002e-10;
constexpr double ln2 = 0.69314718055994530942;

std::uint64_t splitmix64_mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Natural log for x > 0 by frexp reduction and the atanh series; accurate to about 1e-16
// relative, which is plenty for sampling, and bit-identical everywhere.
double portable_log(double x) {
    int exponent = 0;
    double mantissa = std::frexp(x, &exponent);  // [0.5, 1)
    if (mantissa < 0.70710678118654752440) {
        mantissa *= 2.0;
        --exponent;
    }
    const double f = (mantissa - 1.0) / (mantissa + 1.0);  // |f| <= 0.172
    const double f2 = f * f;
    double series = 1.0 / 23.0;
    for (int odd = 21; odd >= 1; odd -= 2) series = series * f2 + 1.0 / odd;
    return exponent * ln2 + 2.0 * f * series;
}

// e^x by reduction to r = x − k·ln 2 (|r| <= 0.35) and a degree-13 Taylor polynomial.
double portable_exp(double x) {
    if (x > 700.0) x = 700.0;
    if (x < -700.0) return 0.0;
    const double k = std::floor(x / ln2 + 0.5);
    const double r = (x - k * ln2_high) - k * ln2_low;
    double polynomial = 1.0;
    for (int n = 13; n >= 1; --n) polynomial = 1.0 + polynomial * r / n;
    return std::ldexp(polynomial, static_cast<int>(k));
}

}  // namespace

RandomSource RandomSource::fork(std::uint64_t stream) const {
    return RandomSource(splitmix64_mix(state_ ^ splitmix64_mix(stream + 0x632be59bd9b4e019ULL)));
}

std::uint64_t RandomSource::next_u64() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return splitmix64_mix(state_);
}

double RandomSource::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double RandomSource::uniform(double low, double high) { return low + (high - low) * uniform(); }

std::int64_t RandomSource::uniform_int(std::int64_t low, std::int64_t high) {
    const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;
    if (span == 0) return static_cast<std::int64_t>(next_u64());  // the whole 64-bit range
    // Rejection keeps every value equally likely (plain modulo favours the small ones).
    const std::uint64_t limit = std::uint64_t(0) - (std::uint64_t(0) - span) % span;
    std::uint64_t draw = next_u64();
    while (limit != 0 && draw >= limit) draw = next_u64();
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + draw % span);
}

bool RandomSource::chance(double probability) { return uniform() < probability; }

double RandomSource::normal(double mean, double standard_deviation) {
    // Marsaglia's polar method: needs a log and a square root but no sine or cosine.
    double u = 0;
    double v = 0;
    double s = 0;
    do {
        u = uniform(-1.0, 1.0);
        v = uniform(-1.0, 1.0);
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return mean + standard_deviation * u * std::sqrt(-2.0 * portable_log(s) / s);
}

double RandomSource::exponential(double mean) { return -mean * portable_log(1.0 - uniform()); }

double RandomSource::lognormal(double median, double sigma) {
    return median * portable_exp(normal(0.0, sigma));
}

std::size_t RandomSource::choice(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double target = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (target < weights[i]) return i;
        target -= weights[i];
    }
    // Rounding can leave target a hair above the last bucket: it belongs to the last non-zero one.
    std::size_t last = weights.size() - 1;
    while (last > 0 && weights[last] <= 0) --last;
    return last;
}

}  // namespace sellerscore::demo
