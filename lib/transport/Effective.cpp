#include "transport/Effective.hpp"

#include <chrono>
#include <cmath>

namespace ssb::transport {

double estimatedMemory_bytes(std::uint64_t voxels, const std::string& solver, int processes) {
  const double n = double(voxels), p = double(std::max(1, processes));
  if (solver == "mg" || solver == "jacobi") {
    // Per voxel: conductances (3 floats), the inverse diagonal (float), four
    // CG vectors (doubles) and two single-precision multigrid vectors, the
    // coarse levels (1/7 of that), the input phase, its rotated copy and
    // the percolation mask.
    const double perVoxel = 3 * 4 + 4 + 4 * 8 + 2 * 4;
    return n * perVoxel * (1.0 + 1.0 / 7.0) + n * 3;
  }
  // Measured peaks per process (docs/benchmarks.md): petsc-mg 109 B/voxel
  // on one process and 59 on two (the structure, its rotated copy and the
  // percolation mask stay whole on every process; the operator, hierarchy
  // and vectors divide); the assembled AIJ operator with BoomerAMG about
  // 560 and 310.
  if (solver == "petsc-mg") return n * (9.0 + 100.0 / p);
  return n * (60.0 + 500.0 / p);
}

EffectiveResult effectiveConductivity(const core::Grid<std::uint8_t>& phase,
                                      const core::Grid<std::uint8_t>* materialId, const ConductionOptions& co,
                                      const numerics::KrylovOptions& ko, numerics::Solver& solver, bool wantFields) {
  EffectiveResult r;
  r.conductivity_S_per_m = co.conductivity_S_per_m;
  const ConductionProblem p(phase, materialId, co);
  r.voxels = p.phaseVoxels();
  r.unknowns = p.activeVoxels();
  r.isolatedVoxels = p.phaseVoxels() - p.activeVoxels();
  r.gbFaces = p.gbFaces();
  r.volumeFraction = double(p.phaseVoxels()) / double(phase.size());
  r.percolatingFraction = p.phaseVoxels() ? double(p.activeVoxels()) / double(p.phaseVoxels()) : 0.0;
  if (!p.percolates()) {  // no path from face to face: no solve needed
    r.sigmaEff_S_per_m = 0.0;
    r.tortuosity.reset();
    return r;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<numerics::Box> boxes = solver.boxes(p.extent());
  const numerics::Box& box = boxes.front();
  const numerics::VoxelOperator A = p.makeOperator(box);
  constexpr double kInlet_V = 1.0;
  numerics::Field<double> b = numerics::makeField<double>(box), x(box.size());
  numerics::addDirichlet(A, 0, 0, kInlet_V, b.data());
  // Start from the potential of a full block, falling linearly from the
  // inlet to the outlet: exact away from phase boundaries, so the solve
  // starts with a residual far below ||b||.
  const std::size_t nz = p.shape().nz, sz = box.sz();
  numerics::forSlabs(box.mz() + 2, [&](std::size_t zz) {
    const long z = long(zz) - 1;
    const double v = kInlet_V * (1.0 - (double(box.start[0]) + double(z) + 0.5) / double(nz));
    for (std::size_t i = zz * sz; i < (zz + 1) * sz; ++i) x[i] = A.active(i) ? v : 0.0;
  });
  const numerics::KrylovResult s = solver.solve(A, boxes, b, x, ko);
  r.solveTime_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.iterations = s.iterations;
  r.levels = int(boxes.size());
  r.relativeResidual = s.relativeResidual;
  r.converged = s.converged;
  const double in = solver.sum(numerics::dirichletInflow(A, 0, 0, kInlet_V, x.data()));
  const double out = -solver.sum(numerics::dirichletInflow(A, 0, 1, 0.0, x.data()));
  const double h = p.h_m();
  const double length = double(nz) * h, area = double(p.shape().ny * p.shape().nx) * h * h;
  r.relativeFluxImbalance = std::abs(in - out) / std::abs(in);
  r.sigmaEff_S_per_m = 0.5 * (in + out) * length / (kInlet_V * area);                          // Eq. 5
  r.tortuosity = std::sqrt(r.volumeFraction * co.conductivity_S_per_m / r.sigmaEff_S_per_m);  // Eq. 6
  if (!wantFields) return r;
  // |j| per cell, on each process's own cells: the mean of the currents
  // through its two faces along each axis, over the face area. The ghosts
  // hold the neighbours (across periodic sides too) and zero beyond the
  // outlet; the inlet's side is held at the inlet potential.
  const std::size_t sy = box.sy();
  numerics::Field<double> j = numerics::makeField<double>(box);
  numerics::forSlabs(box.mz(), [&](std::size_t z) {
    const bool inlet = box.start[0] + z == 0;
    for (std::size_t y = 0; y < box.my(); ++y)
      for (std::size_t i = box.row(z, y); i < box.row(z, y) + box.mx(); ++i) {
        if (!A.active(i)) continue;
        double sum = 0;
        for (int axis = 0; axis < 3; ++axis) {
          const std::size_t s = axis == 0 ? sz : axis == 1 ? sy : 1;
          const float* g = A.faces(axis);
          const double below = axis == 0 && inlet ? kInlet_V : x[i - s];
          const double flow = 0.5 * (g[i - s] * (below - x[i]) + g[i] * (x[i] - x[i + s]));
          sum += flow * flow;
        }
        j[i] = std::sqrt(sum) / (h * h);
      }
  });
  r.potential_V = solver.gather(box, x);
  const std::vector<double> current = solver.gather(box, j);
  r.currentDensity_A_per_m2.assign(current.begin(), current.end());
  return r;
}

}  // namespace ssb::transport
