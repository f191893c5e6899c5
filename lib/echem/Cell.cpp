#include "echem/Cell.hpp"

#include <cmath>

#include "core/Error.hpp"
#include "geometry/Cell.hpp"

namespace ssb::echem {

CellBuild buildCell(const core::VoxelVolume& v, int factor, double separator_um, const std::string& source) {
  CellBuild b;
  b.fine = core::phaseFractions(v.phase);
  if (b.fine.cam == 0.0) throw core::InputError(source + ": /phase holds no CAM voxel (nothing to discharge)");
  const core::Shape& s = v.phase.shape();
  if (s.nz % std::size_t(factor) || s.ny % std::size_t(factor) || s.nx % std::size_t(factor))
    throw core::InputError("--coarsen " + std::to_string(factor) + ": the box " + s.str() + " of " + source +
                           " is not divisible by it");
  geometry::Coarsened c = geometry::coarsen(v.phase, v.materialId ? &*v.materialId : nullptr, factor);
  b.coarse = c.after;
  b.removedSe = c.removed[core::kSE];
  b.removedCam = c.removed[core::kCAM];
  if (b.coarse.cam == 0.0)
    throw core::InputError(source + ": no CAM voxel is left connected to the collector after coarsening by " +
                           std::to_string(factor));
  const double h_um = c.phase.voxelSize_m() * 1e6;
  const long slices = std::lround(separator_um / h_um);
  if (slices < 1)
    throw core::InputError("--separator-um " + std::to_string(separator_um) + ": thinner than one voxel of " +
                           std::to_string(h_um) + " um");
  geometry::Cell cell = geometry::assembleCell(c.phase, c.materialId ? &*c.materialId : nullptr, std::size_t(slices), 0);
  b.cell.phase = std::move(cell.phase);
  b.cell.materialId = std::move(cell.materialId);
  b.cell.separatorSlices = cell.separatorSlices;
  return b;
}

}  // namespace ssb::echem
