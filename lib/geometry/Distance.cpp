#include "geometry/Distance.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ssb::geometry {

namespace {

constexpr float kInf = 1e20f;

// 1D squared distance transform of f (length n) into d, with the minimising
// site of each point in `site` (Felzenszwalb & Huttenlocher, algorithm DT).
void transform1d(const float* f, int n, float* d, int* site, std::vector<int>& v,
                 std::vector<float>& z) {
  v.resize(std::size_t(n));
  z.resize(std::size_t(n) + 1);
  int k = -1;
  for (int q = 0; q < n; ++q) {
    if (f[q] >= kInf) continue;
    float s = 0;
    while (k >= 0) {
      const int p = v[std::size_t(k)];
      s = ((f[q] + float(q) * float(q)) - (f[p] + float(p) * float(p))) / (2.0f * float(q - p));
      if (s <= z[std::size_t(k)]) --k; else break;
    }
    ++k;
    v[std::size_t(k)] = q;
    z[std::size_t(k)] = k == 0 ? -kInf : s;
    z[std::size_t(k) + 1] = kInf;
  }
  if (k < 0) {
    for (int q = 0; q < n; ++q) { d[q] = kInf; site[q] = -1; }
    return;
  }
  int j = 0;
  for (int q = 0; q < n; ++q) {
    while (z[std::size_t(j) + 1] < float(q)) ++j;
    const int p = v[std::size_t(j)];
    d[q] = float(q - p) * float(q - p) + f[p];
    site[q] = p;
  }
}

// First pass, along x: the nearest labelled voxel on each line by two linear
// sweeps (exact in 1D), periodic or bounded.
void nearestOnLines(const core::Grid<std::uint32_t>& labels, bool periodic, float* dout,
                    std::uint32_t* labOut) {
  const std::size_t n = labels.nx(), lines = labels.nz() * labels.ny();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, lines, 256), [&](const auto& r) {
    std::vector<long> fwd(n), bwd(n);
    for (std::size_t l = r.begin(); l != r.end(); ++l) {
      const std::uint32_t* lab = labels.data() + l * n;
      long first = -1, last = -1;
      for (std::size_t i = 0; i < n; ++i)
        if (lab[i]) { if (first < 0) first = long(i); last = long(i); }
      float* d = dout + l * n;
      std::uint32_t* lo = labOut + l * n;
      if (first < 0) {
        for (std::size_t i = 0; i < n; ++i) { d[i] = kInf; lo[i] = 0; }
        continue;
      }
      const long N = long(n);
      const long big = 4 * N;  // farther than any real distance
      long prev = periodic ? last - N : -big;
      for (long i = 0; i < N; ++i) { if (lab[i]) prev = i; fwd[std::size_t(i)] = prev; }
      long next = periodic ? first + N : big;
      for (long i = N - 1; i >= 0; --i) { if (lab[i]) next = i; bwd[std::size_t(i)] = next; }
      for (long i = 0; i < N; ++i) {
        const long a = i - fwd[std::size_t(i)], b = bwd[std::size_t(i)] - i;
        const long site = a <= b ? fwd[std::size_t(i)] : bwd[std::size_t(i)];
        const long dist = std::min(a, b);
        d[i] = float(dist) * float(dist);
        lo[i] = lab[core::wrap(site, N)];
      }
    }
  });
}

// A pass along an axis of length n whose consecutive elements are `stride`
// apart, over tiles of up to kTile neighbouring lines (consecutive in
// memory, so reads and writes stay cache-friendly). A periodic line is
// unrolled over two periods centred on it: every site within half a period
// of a point then lies in the window, which is all the periodic metric needs.
constexpr std::size_t kTile = 16;
void passTiled(const std::vector<std::pair<std::size_t, std::size_t>>& tiles, std::size_t n,
               std::size_t stride, bool periodic, const float* fin, const std::uint32_t* labIn,
               float* fout, std::uint32_t* labOut) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tiles.size(), 4), [&](const auto& r) {
    const std::size_t mMax = periodic ? 2 * n : n;
    std::vector<float> f(kTile * mMax), d(kTile * mMax), zbuf;
    std::vector<int> site(kTile * mMax), v;
    for (std::size_t t = r.begin(); t != r.end(); ++t) {
      const auto [start, width] = tiles[t];
      // A site farther than sqrt(max f) from a point cannot beat the point's
      // own value, so a periodic line needs unrolling only that far.
      std::size_t off = 0;
      if (periodic) {
        float maxF = 0;
        for (std::size_t i = 0; i < n && maxF < kInf; ++i)
          for (std::size_t j = 0; j < width; ++j) maxF = std::max(maxF, fin[start + i * stride + j]);
        off = maxF >= kInf ? n / 2
                           : std::min(n / 2, static_cast<std::size_t>(std::ceil(std::sqrt(double(maxF)))) + 1);
      }
      const std::size_t m = n + 2 * off;
      for (std::size_t u = 0; u < m; ++u) {
        const std::size_t src = start + std::size_t(core::wrap(long(u) - long(off), long(n))) * stride;
        for (std::size_t j = 0; j < width; ++j) f[j * m + u] = fin[src + j];
      }
      for (std::size_t j = 0; j < width; ++j)
        transform1d(f.data() + j * m, int(m), d.data() + j * m, site.data() + j * m, v, zbuf);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t dst = start + i * stride;
        for (std::size_t j = 0; j < width; ++j) {
          const int sidx = site[j * m + off + i];
          fout[dst + j] = d[j * m + off + i];
          labOut[dst + j] =
              sidx < 0 ? 0 : labIn[start + std::size_t(core::wrap(long(sidx) - long(off), long(n))) * stride + j];
        }
      }
    }
  });
}

}  // namespace

FeatureTransform featureTransform(const core::Grid<std::uint32_t>& labels, core::Sides sides) {
  const bool periodic = core::isPeriodic(sides);
  const auto& s = labels.shape();
  const double h = labels.voxelSize_m();
  core::Grid<float> a(s, h, kInf), b(s, h, kInf);
  core::Grid<std::uint32_t> la(s, h, 0), lb(s, h, 0);
  nearestOnLines(labels, periodic, a.data(), la.data());
  std::vector<std::pair<std::size_t, std::size_t>> tiles;
  for (std::size_t z = 0; z < s.nz; ++z)  // y lines, tiled along x
    for (std::size_t x = 0; x < s.nx; x += kTile)
      tiles.push_back({z * s.ny * s.nx + x, std::min(kTile, s.nx - x)});
  passTiled(tiles, s.ny, s.nx, periodic, a.data(), la.data(), b.data(), lb.data());
  tiles.clear();
  for (std::size_t y = 0; y < s.ny; ++y)  // z lines, tiled along x
    for (std::size_t x = 0; x < s.nx; x += kTile)
      tiles.push_back({y * s.nx + x, std::min(kTile, s.nx - x)});
  passTiled(tiles, s.nz, s.ny * s.nx, false, b.data(), lb.data(), a.data(), la.data());
  return {std::move(a), std::move(la)};
}

}  // namespace ssb::geometry
