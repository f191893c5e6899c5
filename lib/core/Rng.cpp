#include "core/Rng.hpp"

#include <cmath>

namespace ssb::core {
namespace {
constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t streamId) {
  // Key the stream by both numbers; mixing twice separates nearby seeds and ids.
  std::uint64_t key = mix64(seed ^ mix64(streamId ^ 0x5ca1ab1e0ddba11ULL));
  for (auto& word : s_) {
    key += 0x9e3779b97f4a7c15ULL;
    word = mix64(key);
  }
}

Rng::result_type Rng::operator()() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire's nearly divisionless method with 128-bit multiply.
  unsigned __int128 m = static_cast<unsigned __int128>((*this)()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>((*this)()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  for (;;) {
    const double u = 2.0 * uniform() - 1.0;
    const double v = 2.0 * uniform() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double counterUniform(std::uint64_t seed, std::uint64_t streamId, std::uint64_t counter) {
  const std::uint64_t h = mix64(mix64(seed ^ mix64(streamId)) ^ counter);
  return static_cast<double>(mix64(h) >> 11) * 0x1.0p-53;
}

}  // namespace ssb::core
