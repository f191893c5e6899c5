#pragma once
// The voxel conduction problem behind effcond (docs/model.md, "effcond";
// the reference study's Eqs. 5-6): steady conduction in one phase along z,
// finite volumes on voxels (numerics/VoxelOperator.hpp), face conductance
// h times the harmonic mean of the two cells' conductivities, zero flux
// into other phases, Dirichlet values on the two outer z faces (half a
// voxel beyond the first and last cell centres: conductance 2 sigma h, so a
// full block gives tau = 1 exactly), lateral sides periodic or bounded
// (insulated). A grain boundary (a face between SE voxels of different
// material ids) adds its area-specific resistance in series.
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"
#include "core/Sides.hpp"
#include "numerics/Layout.hpp"
#include "numerics/VoxelOperator.hpp"

namespace ssb::transport {

struct ConductionOptions {
  std::uint8_t phase = 1;             // the conducting phase code
  double conductivity_S_per_m = 0.0;  // its bulk conductivity
  core::Sides sides = core::Sides::Periodic;
  double gbResistance_ohm_m2 = 0.0;   // series resistance of a GB face (0: none)
  // Optional conductivity per cell (S/m), overriding conductivity_S_per_m:
  // faces then take the harmonic mean of their two cells.
  const std::vector<double>* cellConductivity_S_per_m = nullptr;
};

class ConductionProblem {
 public:
  // materialId is needed only with a GB resistance; both grids must outlive the problem.
  ConductionProblem(const core::Grid<std::uint8_t>& phase, const core::Grid<std::uint8_t>* materialId,
                    const ConductionOptions& options);

  const core::Shape& shape() const { return phase_.shape(); }
  numerics::Extent extent() const { return {shape().nz, shape().ny, shape().nx}; }
  double h_m() const { return phase_.voxelSize_m(); }
  // Dirichlet at both z ends; x and y periodic or insulated.
  numerics::BoundaryConditions conditions() const;
  // The cells in the solve: the phase, in clusters spanning inlet to outlet.
  const std::vector<std::uint8_t>& active() const { return active_; }
  std::uint64_t phaseVoxels() const { return phaseVoxels_; }
  std::uint64_t activeVoxels() const { return activeVoxels_; }
  bool percolates() const { return activeVoxels_ > 0; }
  // Faces between active cells that are grain boundaries.
  std::uint64_t gbFaces() const;

  // The face rule of numerics::VoxelOperator::setFaces, in siemens: the
  // face between global cell (z, y, x) and its + neighbour along axis,
  // coordinate -1 for the low boundary face of cell 0 and n - 1 for the
  // high one (or the periodic wrap); 0 where either cell is not active.
  float face(int axis, long z, long y, long x) const;
  // The operator on one process's box (the whole grid on one process).
  numerics::VoxelOperator makeOperator(const numerics::Box& box) const;

 private:
  double sigma(std::size_t i) const;
  float between(std::size_t i, std::size_t j) const;  // the face between active cells i, j
  const core::Grid<std::uint8_t>& phase_;
  const core::Grid<std::uint8_t>* materialId_;
  ConductionOptions options_;
  std::vector<std::uint8_t> active_;
  std::uint64_t phaseVoxels_ = 0, activeVoxels_ = 0;
};

// The grid seen with `axis` (0 = z, 1 = y, 2 = x) as its z axis, so that
// every solve runs along z.
core::Grid<std::uint8_t> alongAxis(const core::Grid<std::uint8_t>& grid, int axis);

}  // namespace ssb::transport
