#pragma once
// The cell a discharge runs on, from a segmented, cleaned cathode
// (docs/model.md, "Coarsening and cell assembly"): coarsened by a factor
// (the reference study ran 200 nm voxels on its 100 nm structures: 2),
// clusters removed again at the coarse size, a dense SE separator of the
// given thickness put before it.
#include <cstdint>

#include "core/Phase.hpp"
#include "core/VoxelVolume.hpp"
#include "echem/Discharge.hpp"

namespace ssb::echem {

struct CellBuild {
  CellGeometry cell;
  core::Fractions fine, coarse;             // of the cathode, before and after coarsening (and cleaning)
  std::uint64_t removedSe = 0, removedCam = 0;  // coarse voxels removed with their isolated clusters
};

// Throws core::InputError naming `source` where the structure cannot make
// a cell (no CAM, a box not divisible by the factor, a separator thinner
// than one coarse voxel).
CellBuild buildCell(const core::VoxelVolume& structure, int coarsenFactor, double separator_um,
                    const std::string& source);

}  // namespace ssb::echem
