#include "structure/Spread.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/Log.hpp"

#include "core/Sides.hpp"
#include "geometry/Distance.hpp"

namespace ssb::structure {

SpreadReport spreadForUniformSpacing(core::Grid<std::uint32_t>& grain, std::uint32_t maxId,
                                     int iterations, double maxStep_vox) {
  const auto& s = grain.shape();
  const long nz = long(s.nz), ny = long(s.ny), nx = long(s.nx);
  SpreadReport report;
  report.shift_vox.assign(std::size_t(maxId) + 1, {0, 0, 0});
  double shiftSum = 0.0;
  for (int it = 0; it < iterations; ++it) {
    auto t0 = std::chrono::steady_clock::now();
    const auto ft = geometry::featureTransform(grain);
    core::log().debug("spread {}: feature transform {:.2f} s", it, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    t0 = std::chrono::steady_clock::now();
    // Per grain: a reference voxel, the sum of offsets of its own voxels and of
    // its pore cell from that reference (periodic in x, y), and the counts.
    struct Acc {
      bool seen = false;
      double rz = 0, ry = 0, rx = 0;
      double gz = 0, gy = 0, gx = 0, gn = 0;  // grain voxels
      double cz = 0, cy = 0, cx = 0, cn = 0;  // grain + cell voxels
    };
    std::vector<Acc> acc(std::size_t(maxId) + 1);
    // Each grain's voxel indices, grouped by grain (counting sort).
    std::vector<std::size_t> first(std::size_t(maxId) + 2, 0);
    for (auto g : grain) ++first[std::size_t(g) + 1];
    for (std::size_t id = 1; id < first.size(); ++id) first[id] += first[id - 1];
    std::vector<std::size_t> fill(first.begin(), first.end() - 1), members(grain.size());
    for (std::size_t i = 0; i < grain.size(); ++i) members[fill[grain.values()[i]]++] = i;
    auto voxelsOf = [&](std::uint32_t id) {
      return std::pair<const std::size_t*, const std::size_t*>(members.data() + first[id],
                                                               members.data() + first[id + 1]);
    };
    for (long z = 0; z < nz; ++z)
      for (long y = 0; y < ny; ++y)
        for (long x = 0; x < nx; ++x) {
          const std::size_t i = grain.index(std::size_t(z), std::size_t(y), std::size_t(x));
          const std::uint32_t own = grain.values()[i];
          const std::uint32_t id = own ? own : ft.nearest.values()[i];
          if (!id) continue;
          Acc& a = acc[id];
          if (!a.seen) { a.seen = true; a.rz = double(z); a.ry = double(y); a.rx = double(x); }
          const double dz = double(z) - a.rz, dy = core::ringDelta(a.ry, double(y), double(ny)),
                       dx = core::ringDelta(a.rx, double(x), double(nx));
          a.cz += dz; a.cy += dy; a.cx += dx; a.cn += 1;
          if (own) { a.gz += dz; a.gy += dy; a.gx += dx; a.gn += 1; }
        }
    core::log().debug("spread {}: cells {:.2f} s", it, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    // Move grains one by one in id order (deterministic), each against the
    // grid as it is after the moves before it.
    for (std::uint32_t id = 1; id <= maxId; ++id) {
      const Acc& a = acc[id];
      if (a.gn == 0) continue;
      double mz = a.cz / a.cn - a.gz / a.gn, my = a.cy / a.cn - a.gy / a.gn,
             mx = a.cx / a.cn - a.gx / a.gn;
      const double len = std::sqrt(mz * mz + my * my + mx * mx);
      if (len > maxStep_vox) { mz *= maxStep_vox / len; my *= maxStep_vox / len; mx *= maxStep_vox / len; }
      // Grains cut by the box's z faces move only in x and y: in z they would
      // show their cut face inside the box.
      bool onFace = false;
      const auto [vb, ve] = voxelsOf(id);
      for (const std::size_t* it = vb; it != ve; ++it) {
        const std::size_t z = *it / std::size_t(ny * nx);
        if (z == 0 || z + 1 == std::size_t(nz)) { onFace = true; break; }
      }
      const long sz = onFace ? 0 : std::lround(mz), sy = std::lround(my), sx = std::lround(mx);
      if (sz == 0 && sy == 0 && sx == 0) continue;
      auto target = [&](std::size_t i, long& tz) {
        const long z = long(i / std::size_t(ny * nx)), y = long(i / std::size_t(nx) % std::size_t(ny)),
                   x = long(i % std::size_t(nx));
        tz = z + sz;
        return (std::size_t(tz) * std::size_t(ny) + std::size_t(core::wrap(y + sy, ny))) * std::size_t(nx) +
               std::size_t(core::wrap(x + sx, nx));
      };
      bool free = true;
      for (const std::size_t* it = vb; it != ve; ++it) {
        long tz;
        const std::size_t j = target(*it, tz);
        if (tz < 0 || tz >= nz || (grain.values()[j] != 0 && grain.values()[j] != id)) { free = false; break; }
      }
      if (!free) continue;
      // Indices move with the grain; the lists stay valid for the grains after it.
      for (const std::size_t* it = vb; it != ve; ++it) grain.values()[*it] = 0;
      for (std::size_t* it = members.data() + first[id]; it != members.data() + first[id + 1]; ++it) {
        long tz;
        *it = target(*it, tz);
        grain.values()[*it] = id;
      }
      ++report.moved;
      report.shift_vox[id][0] += sz;
      report.shift_vox[id][1] += sy;
      report.shift_vox[id][2] += sx;
      shiftSum += std::sqrt(double(sz * sz + sy * sy + sx * sx));
    }
  }
  report.meanShift_vox = report.moved ? shiftSum / double(report.moved) : 0.0;
  return report;
}

}  // namespace ssb::structure
