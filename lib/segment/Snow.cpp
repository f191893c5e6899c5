#include "segment/Snow.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "core/Log.hpp"
#include "geometry/Components.hpp"
#include "geometry/Distance.hpp"

namespace ssb::segment {

namespace {

// Index arithmetic on a (z, y, x) box with x, y periodic or bounded and z bounded.
struct Box {
  long nz, ny, nx;
  core::Sides sides;
  bool periodic() const { return core::isPeriodic(sides); }
  core::Shape shape() const { return {std::size_t(nz), std::size_t(ny), std::size_t(nx)}; }
  // Index of (z, y, x) + (dz, dy, dx), or -1 outside the box.
  long offset(long z, long y, long x, long dz, long dy, long dx) const {
    z += dz;
    if (z < 0 || z >= nz) return -1;
    y = core::step(y, dy, ny, periodic());
    x = core::step(x, dx, nx, periodic());
    if (y < 0 || x < 0) return -1;
    return (z * ny + y) * nx + x;
  }
  void coords(long i, long& z, long& y, long& x) const {
    x = i % nx;
    y = (i / nx) % ny;
    z = i / (nx * ny);
  }
};

// scipy.ndimage 'reflect' boundary: ... b a | a b c ... (the edge repeated).
long reflect(long i, long n) {
  while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - i - 1;
  return i;
}

}  // namespace

core::Grid<float> distanceToOtherPhases(const core::Grid<std::uint8_t>& phase, std::uint8_t which,
                                        core::Sides sides) {
  core::Grid<std::uint32_t> others(phase.shape(), phase.voxelSize_m(), 0);
  for (std::size_t i = 0; i < phase.size(); ++i) others.values()[i] = phase.values()[i] != which;
  const auto ft = geometry::featureTransform(others, sides);
  core::Grid<float> dt(phase.shape(), phase.voxelSize_m(), 0.0f);
  for (std::size_t i = 0; i < phase.size(); ++i) {
    if (phase.values()[i] != which) continue;
    const float d2 = ft.distance2_vox2.values()[i];
    dt.values()[i] = d2 >= 1e19f ? 1e6f : std::sqrt(d2);  // no other phase anywhere: one plateau
  }
  return dt;
}

core::Grid<float> gaussianSmooth(const core::Grid<float>& in, double sigma, core::Sides sides) {
  const bool periodic = core::isPeriodic(sides);
  if (sigma <= 0) return in;
  const long r = long(4.0 * sigma + 0.5);
  std::vector<double> w(std::size_t(2 * r + 1));
  double sum = 0;
  for (long k = -r; k <= r; ++k) sum += w[std::size_t(k + r)] = std::exp(-0.5 * double(k * k) / (sigma * sigma));
  for (auto& v : w) v /= sum;
  const long nz = long(in.nz()), ny = long(in.ny()), nx = long(in.nx());
  core::Grid<float> a = in, b(in.shape(), in.voxelSize_m(), 0.0f);
  auto pass = [&](const core::Grid<float>& src, core::Grid<float>& dst, int axis) {
    tbb::parallel_for(tbb::blocked_range<long>(0, nz), [&](const auto& range) {
      for (long z = range.begin(); z != range.end(); ++z)
        for (long y = 0; y < ny; ++y)
          for (long x = 0; x < nx; ++x) {
            double acc = 0;
            for (long k = -r; k <= r; ++k) {
              long zz = z, yy = y, xx = x;
              if (axis == 0) zz = reflect(z + k, nz);
              if (axis == 1) yy = periodic ? core::wrap(y + k, ny) : reflect(y + k, ny);
              if (axis == 2) xx = periodic ? core::wrap(x + k, nx) : reflect(x + k, nx);
              acc += w[std::size_t(k + r)] * src(std::size_t(zz), std::size_t(yy), std::size_t(xx));
            }
            dst(std::size_t(z), std::size_t(y), std::size_t(x)) = float(acc);
          }
    });
  };
  pass(a, b, 2);
  pass(b, a, 1);
  pass(a, b, 0);
  return b;
}

namespace {

// Step 3: peaks of the smoothed distance under a ball of radius r.
std::vector<std::uint8_t> findPeaks(const core::Grid<float>& dt, const core::Grid<std::uint8_t>& phase,
                                    std::uint8_t which, double radius, const Box& box) {
  const long R = long(std::ceil(radius));
  std::vector<std::array<long, 3>> ball;
  for (long dz = -R; dz <= R; ++dz)
    for (long dy = -R; dy <= R; ++dy)
      for (long dx = -R; dx <= R; ++dx)
        if ((dz || dy || dx) && double(dz * dz + dy * dy + dx * dx) < radius * radius)
          ball.push_back({dz, dy, dx});
  // Nearest offsets first: most candidates fail on a close neighbour.
  std::stable_sort(ball.begin(), ball.end(), [](const auto& a, const auto& b) {
    return a[0] * a[0] + a[1] * a[1] + a[2] * a[2] < b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
  });
  std::vector<std::uint8_t> peak(dt.size(), 0);
  const auto& d = dt.values();
  const auto& p = phase.values();
  tbb::parallel_for(tbb::blocked_range<long>(0, box.nz), [&](const auto& range) {
    for (long z = range.begin(); z != range.end(); ++z)
      for (long y = 0; y < box.ny; ++y)
        for (long x = 0; x < box.nx; ++x) {
          const long i = (z * box.ny + y) * box.nx + x;
          if (p[std::size_t(i)] != which || !(d[std::size_t(i)] > 0)) continue;
          const float v = d[std::size_t(i)];
          bool isPeak = true;
          for (const auto& o : ball) {
            const long j = box.offset(z, y, x, o[0], o[1], o[2]);
            if (j < 0) continue;
            const float u = d[std::size_t(j)] + (p[std::size_t(j)] != which ? 2.0f : 0.0f);
            if (u > v) { isPeak = false; break; }
          }
          peak[std::size_t(i)] = isPeak;
        }
  });
  return peak;
}

const std::array<std::array<long, 3>, 6> kFaces{{{-1, 0, 0}, {1, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 0, -1}, {0, 0, 1}}};
std::vector<std::array<long, 3>> cube26() {
  std::vector<std::array<long, 3>> c;
  for (long a = -1; a <= 1; ++a)
    for (long b = -1; b <= 1; ++b)
      for (long e = -1; e <= 1; ++e)
        if (a || b || e) c.push_back({a, b, e});
  return c;
}

// Connected components of the marked voxels (6- or 26-connected), as lists
// of voxels, in the raster order of their first voxel.
std::vector<std::vector<long>> components(const std::vector<std::uint8_t>& mark, const Box& box, bool full) {
  const geometry::Components c(mark.data(), box.shape(), 1, box.sides,
                               full ? geometry::Connectivity::Full : geometry::Connectivity::Faces);
  std::vector<std::vector<long>> out;
  for (const auto& list : c.voxelLists()) out.emplace_back(list.begin(), list.end());
  return out;
}

// Step 4: drop peaks that sit on saddles (Gostick 2017, as PoreSpy's
// trim_saddle_points): grow the peak's plateau of value R; if the rim around
// it holds two or more separate groups of voxels at least as high, it is a
// saddle.
std::size_t trimSaddles(std::vector<std::uint8_t>& peak, const core::Grid<float>& dt, const Box& box) {
  const auto n26 = cube26();
  const auto regions = components(peak, box, false);
  const auto& d = dt.values();
  std::vector<std::uint32_t> inSet(peak.size(), 0), inRim(peak.size(), 0), seen(peak.size(), 0);
  std::uint32_t stamp = 0;
  std::size_t kept = 0;
  for (const auto& region : regions) {
    float R = 0;
    for (long i : region) R = std::max(R, d[std::size_t(i)]);
    std::vector<long> current = region, rim, high;
    bool saddle = false;
    for (int iter = 0; iter < 20; ++iter) {
      ++stamp;
      for (long i : current) inSet[std::size_t(i)] = stamp;
      rim.clear();
      for (long c : current) {
        long z, y, x;
        box.coords(c, z, y, x);
        for (const auto& o : n26) {
          const long j = box.offset(z, y, x, o[0], o[1], o[2]);
          if (j < 0 || inSet[std::size_t(j)] == stamp || inRim[std::size_t(j)] == stamp) continue;
          inRim[std::size_t(j)] = stamp;
          rim.push_back(j);
        }
      }
      high.clear();
      for (long j : rim)
        if (d[std::size_t(j)] >= R) high.push_back(j);
      if (high.empty()) break;  // a true peak
      // Separate groups among the high rim voxels (26-connected)?
      ++stamp;
      for (long j : high) inRim[std::size_t(j)] = stamp;  // reuse as "is high" marker
      int groups = 0;
      std::vector<long> stack;
      for (long s : high) {
        if (seen[std::size_t(s)] == stamp) continue;
        if (++groups >= 2) break;
        stack.assign(1, s);
        seen[std::size_t(s)] = stamp;
        while (!stack.empty()) {
          const long c = stack.back();
          stack.pop_back();
          long z, y, x;
          box.coords(c, z, y, x);
          for (const auto& o : n26) {
            const long j = box.offset(z, y, x, o[0], o[1], o[2]);
            if (j >= 0 && inRim[std::size_t(j)] == stamp && seen[std::size_t(j)] != stamp) {
              seen[std::size_t(j)] = stamp;
              stack.push_back(j);
            }
          }
        }
      }
      if (groups >= 2) { saddle = true; break; }
      // The plateau at exactly R within the grown set.
      std::vector<long> next;
      for (long i : current) if (d[std::size_t(i)] == R) next.push_back(i);
      for (long j : rim) if (d[std::size_t(j)] == R) next.push_back(j);
      if (next.size() == current.size()) break;  // a ridge: kept
      current.swap(next);
    }
    if (saddle)
      for (long i : region) peak[std::size_t(i)] = 0;
    else
      ++kept;
  }
  return kept;
}

// Step 5: of two peaks nearer to each other than to the boundary, the one
// nearer the boundary goes (Gostick 2017, as PoreSpy's trim_nearby_peaks).
std::size_t trimNearby(std::vector<std::uint8_t>& peak, const core::Grid<float>& dt, const Box& box) {
  const auto regions = components(peak, box, true);
  const std::size_t n = regions.size();
  if (n < 2) return n;
  std::vector<std::array<double, 3>> c(n);
  std::vector<float> L(n);
  for (std::size_t k = 0; k < n; ++k) {
    long z0, y0, x0;
    box.coords(regions[k][0], z0, y0, x0);
    double sz = 0, sy = 0, sx = 0;
    for (long i : regions[k]) {  // centre of mass, unwrapped around the first voxel
      long z, y, x;
      box.coords(i, z, y, x);
      const double dy = box.periodic() ? core::ringDelta(double(y0), double(y), double(box.ny)) : double(y - y0);
      const double dx = box.periodic() ? core::ringDelta(double(x0), double(x), double(box.nx)) : double(x - x0);
      sz += double(z - z0); sy += dy; sx += dx;
    }
    const double m = double(regions[k].size());
    long cz = long(double(z0) + sz / m), cy = long(std::floor(double(y0) + sy / m)), cx = long(std::floor(double(x0) + sx / m));
    if (box.periodic()) { cy = core::wrap(cy, box.ny); cx = core::wrap(cx, box.nx); }
    cy = std::clamp(cy, 0L, box.ny - 1);
    cx = std::clamp(cx, 0L, box.nx - 1);
    c[k] = {double(cz), double(cy), double(cx)};
    L[k] = dt(std::size_t(cz), std::size_t(cy), std::size_t(cx));
  }
  // Nearest neighbour of each peak through a grid of cells.
  const double C = 16.0;
  const long gz = std::max(1L, long(std::ceil(double(box.nz) / C))), gy = std::max(1L, long(std::ceil(double(box.ny) / C))),
             gx = std::max(1L, long(std::ceil(double(box.nx) / C)));
  std::vector<std::vector<std::uint32_t>> cells(std::size_t(gz * gy * gx));
  auto cellOf = [&](const std::array<double, 3>& p, long& a, long& b, long& e) {
    a = std::min(gz - 1, long(p[0] / C)); b = std::min(gy - 1, long(p[1] / C)); e = std::min(gx - 1, long(p[2] / C));
  };
  for (std::size_t k = 0; k < n; ++k) {
    long a, b, e;
    cellOf(c[k], a, b, e);
    cells[std::size_t((a * gy + b) * gx + e)].push_back(std::uint32_t(k));
  }
  auto dist = [&](std::size_t i, std::size_t j) {
    const double dz = c[i][0] - c[j][0];
    const double dy = box.periodic() ? core::ringDelta(c[j][1], c[i][1], double(box.ny)) : c[i][1] - c[j][1];
    const double dx = box.periodic() ? core::ringDelta(c[j][2], c[i][2], double(box.nx)) : c[i][2] - c[j][2];
    return std::sqrt(dz * dz + dy * dy + dx * dx);
  };
  std::vector<std::uint8_t> drop(n, 0);
  const long maxRing = std::max({gz, gy, gx});
  for (std::size_t k = 0; k < n; ++k) {
    long a, b, e;
    cellOf(c[k], a, b, e);
    double best = std::numeric_limits<double>::infinity();
    std::size_t nn = k;
    for (long ring = 1; ring <= maxRing; ++ring) {
      for (long i = a - ring; i <= a + ring; ++i) {
        if (i < 0 || i >= gz) continue;
        for (long j = b - ring; j <= b + ring; ++j) {
          if (!box.periodic() && (j < 0 || j >= gy)) continue;
          for (long l = e - ring; l <= e + ring; ++l) {
            if (!box.periodic() && (l < 0 || l >= gx)) continue;
            const long jj = core::wrap(j, gy), ll = core::wrap(l, gx);
            for (auto q : cells[std::size_t((i * gy + jj) * gx + ll)]) {
              if (q == k) continue;
              const double dq = dist(k, q);
              if (dq < best || (dq == best && q < nn)) { best = dq; nn = q; }
            }
          }
        }
      }
      if (best <= double(ring) * C) break;
    }
    if (nn == k) continue;
    if (best < double(L[k])) drop[L[k] < L[nn] ? k : nn] = 1;
  }
  std::size_t kept = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (drop[k]) for (long i : regions[k]) peak[std::size_t(i)] = 0;
    else ++kept;
  }
  return kept;
}

// Step 6: marker-based watershed of -dt by a hierarchical queue. Voxel
// levels and the box-face flags of each voxel are precomputed, so the flood
// itself does no division.
core::Grid<std::uint32_t> watershed(const core::Grid<float>& dt, const std::vector<std::uint32_t>& markers,
                                    const Box& box) {
  const auto& d = dt.values();
  const std::size_t n = d.size();
  float top = 0;
  for (float v : d) top = std::max(top, std::min(v, 1e5f));
  const double scale = 256.0;
  const std::size_t levels = std::size_t(double(top) * scale) + 2;
  std::vector<std::uint32_t> level(n);
  std::vector<std::uint8_t> face(n);  // bits: x=0, x=nx-1, y=0, y=ny-1, z=0, z=nz-1
  tbb::parallel_for(tbb::blocked_range<long>(0, box.nz), [&](const auto& r) {
    for (long z = r.begin(); z != r.end(); ++z)
      for (long y = 0; y < box.ny; ++y)
        for (long x = 0; x < box.nx; ++x) {
          const std::size_t i = std::size_t((z * box.ny + y) * box.nx + x);
          level[i] = std::uint32_t(std::lround((double(top) - double(std::min(d[i], 1e5f))) * scale));
          face[i] = core::FaceSteps::boxFaces(box.shape(), std::size_t(z), std::size_t(y), std::size_t(x));
        }
  });
  const core::FaceSteps steps(box.shape(), box.sides);
  std::vector<std::vector<std::uint32_t>> queue(levels);
  core::Grid<std::uint32_t> label(dt.shape(), dt.voxelSize_m(), 0);
  auto& lab = label.values();
  for (std::size_t i = 0; i < n; ++i)
    if (markers[i]) {
      lab[i] = markers[i];
      queue[level[i]].push_back(std::uint32_t(i));
    }
  for (std::size_t l = 0; l < levels; ++l) {
    auto& q = queue[l];
    for (std::size_t k = 0; k < q.size(); ++k) {  // the level may grow while we walk it
      const long c = long(q[k]);
      const std::uint8_t f = face[std::size_t(c)];
      const std::uint32_t id = lab[std::size_t(c)];
      auto visit = [&](long j) {
        if (lab[std::size_t(j)]) return;
        lab[std::size_t(j)] = id;
        queue[std::max<std::size_t>(l, level[std::size_t(j)])].push_back(std::uint32_t(j));
      };
      steps.forEach(c, f, visit);
    }
    std::vector<std::uint32_t>().swap(queue[l]);
  }
  return label;
}

}  // namespace

SnowResult snowPartition(const core::Grid<std::uint8_t>& phase, std::uint8_t which, const SnowOptions& o) {
  const Box box{long(phase.nz()), long(phase.ny()), long(phase.nx()), o.sides};
  SnowResult r;
  r.grain = core::Grid<std::uint32_t>(phase.shape(), phase.voxelSize_m(), 0);
  bool any = false;
  for (auto v : phase) any = any || v == which;
  if (!any) return r;
  auto t0 = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    const auto t1 = std::chrono::steady_clock::now();
    core::log().debug("snow: {} {:.2f} s", what, std::chrono::duration<double>(t1 - t0).count());
    t0 = t1;
  };
  const core::Grid<float> raw = distanceToOtherPhases(phase, which, o.sides);
  lap("distance transform");
  const core::Grid<float> dt = gaussianSmooth(raw, o.sigma, o.sides);
  lap("smoothing");
  std::vector<std::uint8_t> peak = findPeaks(dt, phase, which, o.radius, box);
  r.peaksFound = components(peak, box, false).size();
  lap("peaks");
  r.peaksAfterSaddles = trimSaddles(peak, dt, box);
  lap("saddle trim");
  r.peaksAfterNearby = trimNearby(peak, dt, box);
  lap("nearby trim");
  // Markers: the remaining peaks, 6-connected groups numbered in raster order.
  std::vector<std::uint32_t> markers(phase.size(), 0);
  std::uint32_t next = 0;
  for (const auto& group : components(peak, box, false)) {
    ++next;
    for (long i : group) markers[std::size_t(i)] = next;
  }
  if (next == 0) {  // a phase without any peak (e.g. all of it one voxel thin): one grain
    std::size_t best = 0;
    for (std::size_t i = 0; i < phase.size(); ++i)
      if (phase.values()[i] == which && (phase.values()[best] != which || dt.values()[i] > dt.values()[best])) best = i;
    markers[best] = next = 1;
  }
  lap("markers");
  core::Grid<std::uint32_t> flooded = watershed(dt, markers, box);
  lap("watershed");
  // Keep the phase; renumber the grains that hold any of it 1..K.
  std::vector<std::uint32_t> renumber(std::size_t(next) + 1, 0);
  for (std::size_t i = 0; i < phase.size(); ++i) {
    if (phase.values()[i] != which) continue;
    auto& id = renumber[flooded.values()[i]];
    if (!id) id = ++r.grains;
    r.grain.values()[i] = id;
  }
  return r;
}

}  // namespace ssb::segment
