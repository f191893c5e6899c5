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
  r.potential_V = solver.gather(box, x);
  if (r.potential_V.empty()) return r;  // the fields live on the first process
  // |j| per cell: the mean of the currents through its two faces in each
  // direction, over the face area (faces from the problem's face rule).
  const core::Shape& sh = p.shape();
  const std::size_t ny = sh.ny, nx = sh.nx, slice = ny * nx;
  const auto& phi = r.potential_V;
  r.currentDensity_A_per_m2.assign(phi.size(), 0.0f);
  numerics::forSlabs(nz, [&](std::size_t z) {
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t xx = 0; xx < nx; ++xx) {
        const std::size_t i = z * slice + y * nx + xx;
        if (!p.active()[i]) continue;
        // Value and conductance towards the - and + neighbour along axis;
        // a missing neighbour has no conductance.
        auto flow = [&](int axis) {
          const long c = axis == 0 ? long(z) : axis == 1 ? long(y) : long(xx);
          const long n = long(sh.nz * (axis == 0) + ny * (axis == 1) + nx * (axis == 2));
          const std::size_t stride = axis == 0 ? slice : axis == 1 ? nx : 1;
          const bool periodic = axis > 0 && core::isPeriodic(co.sides);
          auto faceAt = [&](long cc) {
            return double(p.face(axis, axis == 0 ? cc : long(z), axis == 1 ? cc : long(y), axis == 2 ? cc : long(xx)));
          };
          const double gPlus = faceAt(c);
          const double gMinus = c > 0 ? faceAt(c - 1) : periodic ? faceAt(n - 1) : faceAt(-1);
          double up, down;
          if (c + 1 < n) up = gPlus * (phi[i] - phi[i + stride]);
          else if (axis == 0) up = gPlus * phi[i];  // the outlet at 0 V
          else up = periodic ? gPlus * (phi[i] - phi[i + stride - std::size_t(n) * stride]) : 0.0;
          if (c > 0) down = gMinus * (phi[i - stride] - phi[i]);
          else if (axis == 0) down = gMinus * (kInlet_V - phi[i]);
          else down = periodic ? gMinus * (phi[i + std::size_t(n - 1) * stride] - phi[i]) : 0.0;
          return 0.5 * (down + up);
        };
        const double ix = flow(2), iy = flow(1), iz = flow(0);
        r.currentDensity_A_per_m2[i] = float(std::sqrt(ix * ix + iy * iy + iz * iz) / (h * h));
      }
  });
  return r;
}

}  // namespace ssb::transport
