#pragma once
// Coarsening and cell assembly for the electrochemistry (docs/model.md §6). The
// reference study ran its discharge simulations on voxels twice the size of
// its structures' and gives no rule for it; ssbvox's rule is below.
#include <array>
#include <cstdint>
#include <optional>

#include "core/Grid.hpp"
#include "geometry/Metrics.hpp"

namespace ssb::geometry {

struct Coarsened {
  core::Grid<std::uint8_t> phase;
  std::optional<core::Grid<std::uint8_t>> materialId;
  core::Fractions before, after;                 // after: once isolated clusters are removed again
  std::array<std::uint64_t, 3> removed{};  // coarse voxels turned to pore by that removal
};

// Each factor^3 block takes its majority phase; ties go SE > CAM > pore so
// that the ionic network stays connected (an ssbvox rule). A block that ends
// up SE takes the majority material id of its SE voxels (ties: the smaller
// id). Isolated clusters are removed again at the coarse size. The box must
// be divisible by the factor (throws core::InputError otherwise).
Coarsened coarsen(const core::Grid<std::uint8_t>& phase, const core::Grid<std::uint8_t>* materialId,
                  int factor);

// A virtual cell along z: a dense SE separator of `separatorSlices` voxels
// (z < 0 of the cathode, so at the start of the cell grid), then the
// cathode; the current collector is the cell's last face z = nz - 1.
// Separator voxels get material id `separatorMaterialId` (0: a face with a
// cathode SE grain is no grain boundary, the default of docs/model.md §6).
struct Cell {
  core::Grid<std::uint8_t> phase;
  core::Grid<std::uint8_t> materialId;
  std::size_t separatorSlices = 0;
};
Cell assembleCell(const core::Grid<std::uint8_t>& cathode, const core::Grid<std::uint8_t>* materialId,
                  std::size_t separatorSlices, std::uint8_t separatorMaterialId = 0);

}  // namespace ssb::geometry
