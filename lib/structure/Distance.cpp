#include "structure/Distance.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <limits>
#include <vector>

namespace ssb::structure {

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

// One pass along an axis of length n with stride `stride` between elements;
// `lines` lists the start offset of each line. Periodic lines are unrolled to
// three periods and the middle one kept.
void pass(const std::vector<std::size_t>& lines, std::size_t n, std::size_t stride, bool periodic,
          const float* fin, const std::uint32_t* labIn, float* fout, std::uint32_t* labOut) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, lines.size(), 64), [&](const auto& r) {
    const int m = int(periodic ? 3 * n : n);
    const std::size_t len = static_cast<std::size_t>(m);
    std::vector<float> f(len), d(len), zbuf;
    std::vector<int> site(len), v;
    for (std::size_t l = r.begin(); l != r.end(); ++l) {
      const std::size_t start = lines[l];
      for (int i = 0; i < m; ++i) f[std::size_t(i)] = fin[start + (std::size_t(i) % n) * stride];
      transform1d(f.data(), m, d.data(), site.data(), v, zbuf);
      const std::size_t off = periodic ? n : 0;
      for (std::size_t i = 0; i < n; ++i) {
        const int s = site[off + i];
        fout[start + i * stride] = d[off + i];
        labOut[start + i * stride] = s < 0 ? 0 : labIn[start + (std::size_t(s) % n) * stride];
      }
    }
  });
}

}  // namespace

FeatureTransform featureTransform(const core::Grid<std::uint32_t>& labels, bool periodicXY) {
  const auto& s = labels.shape();
  const double h = labels.voxelSize_m();
  core::Grid<float> a(s, h, kInf), b(s, h, kInf);
  core::Grid<std::uint32_t> la(s, h, 0), lb(s, h, 0);
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels.values()[i]) a.values()[i] = 0.0f;

  std::vector<std::size_t> lines;
  // x lines
  lines.clear();
  for (std::size_t z = 0; z < s.nz; ++z)
    for (std::size_t y = 0; y < s.ny; ++y) lines.push_back((z * s.ny + y) * s.nx);
  pass(lines, s.nx, 1, periodicXY, a.data(), labels.data(), b.data(), lb.data());
  // y lines
  lines.clear();
  for (std::size_t z = 0; z < s.nz; ++z)
    for (std::size_t x = 0; x < s.nx; ++x) lines.push_back(z * s.ny * s.nx + x);
  pass(lines, s.ny, s.nx, periodicXY, b.data(), lb.data(), a.data(), la.data());
  // z lines
  lines.clear();
  for (std::size_t y = 0; y < s.ny; ++y)
    for (std::size_t x = 0; x < s.nx; ++x) lines.push_back(y * s.nx + x);
  pass(lines, s.nz, s.ny * s.nx, false, a.data(), la.data(), b.data(), lb.data());
  return {std::move(b), std::move(lb)};
}

}  // namespace ssb::structure
