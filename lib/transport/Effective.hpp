#pragma once
// Effective conductivity and tortuosity of one phase (the reference study's
// Eqs. 5-6, docs/model.md): sigma_eff = L j / U from the current through
// the cell at U = 1 V, tau = sqrt(eps sigma / sigma_eff) with eps the
// phase's volume fraction of the whole box, and the tortuosity factor
// tau^2 (what TauFactor calls tau).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Grid.hpp"
#include "numerics/Krylov.hpp"
#include "numerics/Solver.hpp"
#include "transport/Conduction.hpp"

namespace ssb::transport {

struct EffectiveResult {
  double conductivity_S_per_m = 0;  // bulk sigma
  double volumeFraction = 0;        // eps: the phase in the whole box
  double percolatingFraction = 0;   // the phase's share that spans the cell
  double sigmaEff_S_per_m = 0;      // 0 when the phase does not percolate
  std::optional<double> tortuosity; // nullopt: infinite (no percolating path)
  double relativeFluxImbalance = 0; // |I_in - I_out| / I_in
  std::uint64_t voxels = 0, unknowns = 0, isolatedVoxels = 0, gbFaces = 0;
  int iterations = 0, levels = 0;
  double relativeResidual = 0, solveTime_s = 0;
  bool converged = true;
  // With fields, on the first process: per voxel of the box as solved (along z).
  std::vector<double> potential_V;
  std::vector<float> currentDensity_A_per_m2;  // |j| per voxel (cell average of face currents)
  double normalised() const { return conductivity_S_per_m > 0 ? sigmaEff_S_per_m / conductivity_S_per_m : 0; }
};

// Solves with `solver` (on this process or distributed); with wantFields,
// the potential and |j| per voxel are kept in the result.
EffectiveResult effectiveConductivity(const core::Grid<std::uint8_t>& phaseAlongZ,
                                      const core::Grid<std::uint8_t>* materialIdAlongZ,
                                      const ConductionOptions& conduction, const numerics::KrylovOptions& krylov,
                                      numerics::Solver& solver, bool wantFields = false);

// Back from the solve's orientation (axis as z) to the file's, per voxel.
template <typename Values>
std::vector<typename Values::value_type> fromAxis(const Values& along, const core::Shape& original, int axis) {
  std::vector<typename Values::value_type> out(along.size());
  if (axis == 0) {
    std::copy(along.begin(), along.end(), out.begin());
    return out;
  }
  const std::size_t nz = original.nz, ny = original.ny, nx = original.nx;
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = (z * ny + y) * nx + x;
        out[i] = axis == 1 ? along[(y * nz + z) * nx + x] : along[(x * ny + y) * nz + z];
      }
  return out;
}

// Bytes one process needs for the solve in a box of `voxels` (dry run), for
// the solver (its name: "mg", "jacobi", "petsc-mg", "petsc-hypre",
// "petsc-gamg") on `processes` processes: the solvers work on the whole
// box, whatever the phase's share of it.
double estimatedMemory_bytes(std::uint64_t voxels, const std::string& solver = "mg", int processes = 1);

}  // namespace ssb::transport
