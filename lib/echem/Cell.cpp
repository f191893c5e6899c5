#include "echem/Cell.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/Error.hpp"
#include "geometry/Cell.hpp"

namespace ssb::echem {

namespace {

// The first n.nz x n.ny x n.nx voxels of a grid.
core::Grid<std::uint8_t> cropped(const core::Grid<std::uint8_t>& g, const core::Shape& n) {
  core::Grid<std::uint8_t> out(n, g.voxelSize_m(), 0);
  for (std::size_t z = 0; z < n.nz; ++z)
    for (std::size_t y = 0; y < n.ny; ++y)
      for (std::size_t x = 0; x < n.nx; ++x) out(z, y, x) = g(z, y, x);
  return out;
}

}  // namespace

std::vector<double> gradedSeparator(std::size_t slices, double h, const SeparatorGrading& grading) {
  const std::size_t fine = std::max<std::size_t>(1, std::size_t(std::lround(grading.fine_um * 1e-6 / h)));
  if (!(grading.ratio > 1.0) || slices <= fine + 1) return {};
  std::vector<double> fromCathode(fine, h);
  double remaining = double(slices - fine) * h, t = h;
  while (remaining > 1e-9 * h) {
    t = std::min(t * grading.ratio, grading.maxSlice_vox * h);
    // The last slice takes what is left rather than leave a sliver behind it.
    if (remaining - t < 0.5 * t) t = remaining;
    fromCathode.push_back(t);
    remaining -= t;
  }
  return {fromCathode.rbegin(), fromCathode.rend()};
}

CellBuild buildCell(const core::VoxelVolume& v, int factor, double separator_um, const std::string& source,
                    const SeparatorGrading& grading) {
  CellBuild b;
  b.coarsenFactor = factor;
  const core::Shape& s = v.phase.shape();
  const std::size_t f = std::size_t(factor);
  b.cropped = {s.nz - s.nz % f, s.ny - s.ny % f, s.nx - s.nx % f};
  if (b.cropped.nz == 0 || b.cropped.ny == 0 || b.cropped.nx == 0)
    throw core::InputError("--coarsen " + std::to_string(factor) + ": the box " + s.str() + " of " + source +
                           " is smaller than one coarse voxel");
  const bool crop = b.cropped.size() != s.size();
  const core::Grid<std::uint8_t> phase = crop ? cropped(v.phase, b.cropped) : core::Grid<std::uint8_t>();
  std::optional<core::Grid<std::uint8_t>> ids;
  if (crop && v.materialId) ids = cropped(*v.materialId, b.cropped);
  const core::Grid<std::uint8_t>& usedPhase = crop ? phase : v.phase;
  const core::Grid<std::uint8_t>* usedIds = crop ? (ids ? &*ids : nullptr) : (v.materialId ? &*v.materialId : nullptr);
  b.fine = core::phaseFractions(usedPhase);
  if (b.fine.cam == 0.0) throw core::InputError(source + ": /phase holds no CAM voxel (nothing to discharge)");
  geometry::Coarsened c = geometry::coarsen(usedPhase, usedIds, factor);
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
  b.uniform.phase = std::move(cell.phase);
  b.uniform.materialId = std::move(cell.materialId);
  b.uniform.separatorSlices = cell.separatorSlices;
  const std::vector<double> graded = gradedSeparator(std::size_t(slices), c.phase.voxelSize_m(), grading);
  if (graded.empty()) {
    b.cell = b.uniform;
    return b;
  }
  geometry::Cell gradedCell = geometry::assembleCell(c.phase, c.materialId ? &*c.materialId : nullptr, graded.size(), 0);
  b.cell.phase = std::move(gradedCell.phase);
  b.cell.materialId = std::move(gradedCell.materialId);
  b.cell.separatorSlices = graded.size();
  b.cell.separatorSliceThickness_m = graded;
  return b;
}

}  // namespace ssb::echem
