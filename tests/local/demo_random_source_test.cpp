#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "host/demo/random_source.hpp"

using sellerscore::demo::RandomSource;

TEST_CASE("RandomSource draws the reference splitmix64 sequence") {
    // The published splitmix64 outputs for seed 1234567 (Vigna's splitmix64.c).
    RandomSource random(1234567);
    CHECK(random.next_u64() == 6457827717110365317ULL);
    CHECK(random.next_u64() == 3203168211198807973ULL);
    CHECK(random.next_u64() == 9817491932198370423ULL);
    CHECK(random.next_u64() == 4593380528125082431ULL);
    CHECK(random.next_u64() == 16408922859458223821ULL);
}

TEST_CASE("RandomSource forks are independent of each other and of the parent") {
    const RandomSource parent(7);
    RandomSource first = parent.fork(1);
    RandomSource second = parent.fork(2);
    RandomSource parent_copy = parent;
    const auto a = first.next_u64();
    CHECK(a != second.next_u64());
    CHECK(a != parent_copy.next_u64());
    CHECK(a == parent.fork(1).next_u64());
}

TEST_CASE("RandomSource uniform_int covers its inclusive range and nothing else") {
    RandomSource random(3);
    std::vector<int> seen(5, 0);
    for (int i = 0; i < 5'000; ++i) {
        const auto value = random.uniform_int(-2, 2);
        REQUIRE(value >= -2);
        REQUIRE(value <= 2);
        ++seen[static_cast<std::size_t>(value + 2)];
    }
    for (int count : seen) CHECK(count > 800);  // 1,000 expected each
}

TEST_CASE("RandomSource exponential has the requested mean") {
    RandomSource random(11);
    double sum = 0;
    const int n = 200'000;
    for (int i = 0; i < n; ++i) sum += random.exponential(2.0);
    CHECK(sum / n == Approx(2.0).epsilon(0.02));
}

TEST_CASE("RandomSource normal has the requested mean and standard deviation") {
    RandomSource random(13);
    double sum = 0;
    double squares = 0;
    const int n = 200'000;
    for (int i = 0; i < n; ++i) {
        const double x = random.normal(10.0, 3.0);
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    CHECK(mean == Approx(10.0).epsilon(0.01));
    CHECK(std::sqrt(squares / n - mean * mean) == Approx(3.0).epsilon(0.02));
}

TEST_CASE("RandomSource lognormal is centred on its median") {
    // Half of the draws fall below the median, whatever sigma is.
    RandomSource random(17);
    int below = 0;
    const int n = 100'000;
    for (int i = 0; i < n; ++i) below += random.lognormal(5'000, 0.75) < 5'000 ? 1 : 0;
    CHECK(below == Approx(n / 2).epsilon(0.02));
}

TEST_CASE("RandomSource choice follows the weights and never picks a zero weight") {
    RandomSource random(19);
    const std::vector<double> weights = {1, 0, 3};
    std::vector<int> seen(3, 0);
    for (int i = 0; i < 40'000; ++i) ++seen[random.choice(weights)];
    CHECK(seen[1] == 0);
    CHECK(seen[2] == Approx(3 * seen[0]).epsilon(0.05));
}
