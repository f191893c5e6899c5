#include "geometry/Clusters.hpp"

#include "core/Phase.hpp"
#include "geometry/Components.hpp"

namespace ssb::geometry {

Face electrodeFace(std::uint8_t phase) { return phase == core::kCAM ? Face::Collector : Face::Separator; }

namespace {
std::size_t faceSlab(const core::Shape& s, Face face) { return face == Face::Separator ? 0 : s.nz - 1; }
}  // namespace

PhaseClusters phaseClusters(const core::Grid<std::uint8_t>& phase, std::uint8_t which, Face face,
                            core::Sides sides) {
  const Components c(phase, which, sides);
  PhaseClusters out;
  out.label = c.labels(phase.voxelSize_m());
  const auto sizes = c.sizes();
  const auto touching = c.touchingSlab(faceSlab(phase.shape(), face));
  out.size.assign(1, 0);
  out.size.insert(out.size.end(), sizes.begin(), sizes.end());
  out.connected.assign(1, false);
  out.connected.insert(out.connected.end(), touching.begin(), touching.end());
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    out.total += sizes[k];
    if (!touching[k]) out.isolated += sizes[k];
  }
  return out;
}

std::array<std::uint64_t, 3> removeIsolatedClusters(core::Grid<std::uint8_t>& phase, core::Sides sides) {
  std::array<std::uint64_t, 3> removed{0, 0, 0};
  for (std::uint8_t p : {core::kSE, core::kCAM}) {
    const Components c(phase, p, sides);
    std::vector<std::uint8_t> isolated = c.touchingSlab(faceSlab(phase.shape(), electrodeFace(p)));
    for (auto& t : isolated) t = !t;
    const auto cells = c.cellsOf(isolated);
    for (std::size_t i = 0; i < phase.size(); ++i)
      if (cells[i]) {
        phase.values()[i] = core::kPore;
        ++removed[p];
      }
  }
  return removed;
}

}  // namespace ssb::geometry
