#include "transport/Effective.hpp"

#include "transport/PetscSolver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ssb::transport {

double estimatedMemory_bytes(std::uint64_t voxels, const std::string& petscMethod, int processes) {
  const double n = double(voxels), p = double(std::max(1, processes));
  if (petscMethod.empty()) {
    // Per voxel: conductances (3 floats), the active flag, the inverse
    // diagonal (float), four CG vectors (doubles) and two single-precision
    // multigrid vectors, the coarse levels (1/7 of that), the input phase
    // and material id.
    const double perVoxel = 3 * 4 + 1 + 4 + 4 * 8 + 2 * 4;
    return n * perVoxel * (1.0 + 1.0 / 7.0) + n * 2;
  }
  // Measured peaks per process (docs/benchmarks.md): petsc-mg 166 B/voxel on
  // one process and 92 on two (the phases and percolation mask stay whole
  // on every process; the rest divides); the assembled AIJ operator with
  // BoomerAMG about 560 and 310.
  if (petscMethod == "mg") return n * (8.0 + 158.0 / p);
  return n * (60.0 + 500.0 / p);
}

EffectiveResult effectiveConductivity(const core::Grid<std::uint8_t>& phase,
                                      const core::Grid<std::uint8_t>* materialId,
                                      const ConductionOptions& co, const SolveOptions& so, bool wantFields) {
  EffectiveResult r;
  r.conductivity_S_per_m = co.conductivity_S_per_m;
  ConductionOptions faces = co;
  // The distributed multigrid computes each process's share of the face
  // conductances itself; the fields below need them all.
  faces.storeFaces = so.petscMethod != "mg" || wantFields;
  const ConductionProblem p = buildProblem(phase, materialId, faces);
  r.voxels = p.phaseVoxels;
  r.unknowns = p.activeVoxels;
  r.isolatedVoxels = p.isolatedVoxels;
  r.gbFaces = p.gbFaces;
  r.volumeFraction = double(p.phaseVoxels) / double(phase.size());
  r.percolatingFraction = p.phaseVoxels ? double(p.activeVoxels) / double(p.phaseVoxels) : 0.0;
  if (!p.percolates()) {  // no path from face to face: no solve needed
    r.sigmaEff_S_per_m = 0.0;
    r.tortuosity.reset();
    return r;
  }
  const auto t0 = std::chrono::steady_clock::now();
  SolveOptions solve = so;
  solve.keepPotential = wantFields;  // the currents come with the solution either way
  Solution s = so.petscMethod.empty() ? solveConduction(p, solve, 1.0) : solveConductionPetsc(p, solve, so.petscMethod, 1.0);
  r.solveTime_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.iterations = s.iterations;
  r.levels = s.levels;
  r.relativeResidual = s.relativeResidual;
  r.converged = s.converged;
  const double h = p.h_m;
  const double length = double(p.shape.nz) * h, area = double(p.shape.ny * p.shape.nx) * h * h;
  const double current = 0.5 * (s.inletCurrent_A + s.outletCurrent_A);
  r.relativeFluxImbalance = std::abs(s.inletCurrent_A - s.outletCurrent_A) / std::abs(s.inletCurrent_A);
  r.sigmaEff_S_per_m = current * length / (1.0 * area);  // Eq. 5 with U = 1 V
  r.tortuosity = std::sqrt(r.volumeFraction * co.conductivity_S_per_m / r.sigmaEff_S_per_m);  // Eq. 6
  if (!wantFields) return r;
  // |j| per cell: the mean of the currents through its two faces in each
  // direction, over the face area.
  const std::size_t nz = p.shape.nz, ny = p.shape.ny, nx = p.shape.nx, slice = ny * nx;
  const auto& phi = s.potential_V;
  r.currentDensity_A_per_m2.assign(phi.size(), 0.0f);
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = z * slice + y * nx + x;
        if (!p.active[i]) continue;
        const std::size_t xp = x + 1 < nx ? i + 1 : i + 1 - nx, xm = x > 0 ? i - 1 : i + nx - 1;
        const std::size_t yp = y + 1 < ny ? i + nx : i - (ny - 1) * nx, ym = y > 0 ? i - nx : i + (ny - 1) * nx;
        const double ix = 0.5 * (p.gx[i] * (phi[i] - phi[xp]) + p.gx[xm] * (phi[xm] - phi[i]));
        const double iy = 0.5 * (p.gy[i] * (phi[i] - phi[yp]) + p.gy[ym] * (phi[ym] - phi[i]));
        const double down = z > 0 ? p.gz[i - slice] * (phi[i - slice] - phi[i]) : p.gIn[y * nx + x] * (1.0 - phi[i]);
        const double up = z + 1 < nz ? p.gz[i] * (phi[i] - phi[i + slice]) : p.gOut[y * nx + x] * phi[i];
        const double iz = 0.5 * (down + up);
        r.currentDensity_A_per_m2[i] = float(std::sqrt(ix * ix + iy * iy + iz * iz) / (h * h));
      }
  r.potential_V = std::move(s.potential_V);
  return r;
}

}  // namespace ssb::transport
