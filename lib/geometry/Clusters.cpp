#include "geometry/Clusters.hpp"

#include <array>
#include <numeric>

#include "core/DisjointSets.hpp"
#include "core/Phase.hpp"

namespace ssb::geometry {

Face electrodeFace(std::uint8_t phase) { return phase == core::kCAM ? Face::Collector : Face::Separator; }


PhaseClusters phaseClusters(const core::Grid<std::uint8_t>& phase, std::uint8_t which, Face face,
                            bool periodicXY) {
  const auto& s = phase.shape();
  PhaseClusters out;
  out.label = core::Grid<std::uint32_t>(s, phase.voxelSize_m(), 0);
  // Provisional labels in a raster scan, merged through union-find.
  core::DisjointSets sets(1);
  auto& lab = out.label.values();
  const auto& ph = phase.values();
  const std::size_t nz = s.nz, ny = s.ny, nx = s.nx;
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = (z * ny + y) * nx + x;
        if (ph[i] != which) continue;
        std::uint32_t l = 0;
        auto join = [&](std::size_t j) {
          if (ph[j] != which) return;
          if (!l) l = lab[j]; else sets.unite(l, lab[j]);
        };
        if (x > 0) join(i - 1);
        if (y > 0) join(i - nx);
        if (z > 0) join(i - ny * nx);
        if (!l) {
          l = sets.add();
        }
        lab[i] = l;
      }
  if (periodicXY) {  // the faces x = nx-1 | x = 0 and y = ny-1 | y = 0 touch
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t y = 0; y < ny; ++y) {
        const std::size_t a = (z * ny + y) * nx, b = a + nx - 1;
        if (nx > 1 && lab[a] && lab[b]) sets.unite(lab[a], lab[b]);
      }
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t a = z * ny * nx + x, b = a + (ny - 1) * nx;
        if (ny > 1 && lab[a] && lab[b]) sets.unite(lab[a], lab[b]);
      }
  }
  // Final labels 1..K in order of first appearance.
  std::vector<std::uint32_t> final(sets.parent.size(), 0);
  std::uint32_t next = 0;
  out.size.push_back(0);
  for (auto& l : lab) {
    if (!l) continue;
    const std::uint32_t r = sets.find(l);
    if (!final[r]) { final[r] = ++next; out.size.push_back(0); }
    l = final[r];
    ++out.size[l];
  }
  out.connected.assign(out.size.size(), false);
  const std::size_t zf = face == Face::Separator ? 0 : nz - 1;
  for (std::size_t k = zf * ny * nx; k < (zf + 1) * ny * nx; ++k)
    if (lab[k]) out.connected[lab[k]] = true;
  for (std::size_t c = 1; c < out.size.size(); ++c) {
    out.total += out.size[c];
    if (!out.connected[c]) out.isolated += out.size[c];
  }
  return out;
}

std::array<std::uint64_t, 3> removeIsolatedClusters(core::Grid<std::uint8_t>& phase, bool periodicXY) {
  std::array<std::uint64_t, 3> removed{0, 0, 0};
  for (std::uint8_t p : {core::kSE, core::kCAM}) {
    const auto c = phaseClusters(phase, p, electrodeFace(p), periodicXY);
    for (std::size_t i = 0; i < phase.size(); ++i) {
      const auto l = c.label.values()[i];
      if (l && !c.connected[l]) {
        phase.values()[i] = core::kPore;
        ++removed[p];
      }
    }
  }
  return removed;
}

}  // namespace ssb::geometry
