#pragma once
// Seeded random numbers whose results do not depend on the thread count.
//
// Every independent piece of work (a particle, a slab, a voxel block) draws
// from its own stream, derived from (seed, stream id) by SplitMix64 mixing
// (Steele, Lea, Flood 2014), so the numbers it gets do not depend on which
// thread runs it or in what order. Within a stream the generator is
// xoshiro256** (Blackman, Vigna 2018).
#include <array>
#include <cstdint>

namespace ssb::core {

// SplitMix64 finaliser: a bijective 64-bit mix with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  using result_type = std::uint64_t;

  // The stream `streamId` of the master seed `seed`.
  explicit Rng(std::uint64_t seed, std::uint64_t streamId = 0);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type(0); }
  result_type operator()();

  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019).
  std::uint64_t below(std::uint64_t n);
  // Standard normal deviate (Marsaglia polar method), no cached state so a
  // stream's sequence depends only on how many draws were made.
  double normal();

 private:
  std::array<std::uint64_t, 4> s_{};
};

// Stateless draw: uniform in [0, 1) for item `counter` of stream `streamId`.
// Useful where each voxel or item needs one number, in any order.
double counterUniform(std::uint64_t seed, std::uint64_t streamId, std::uint64_t counter);

}  // namespace ssb::core
