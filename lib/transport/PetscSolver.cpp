#include "transport/PetscSolver.hpp"

#include <tbb/global_control.h>

#include <cstdlib>
#include <thread>

#include "transport/PetscCommon.hpp"

namespace ssb::transport {

using petsc::check;

namespace petsc {

ProcessGrid processGrid(const core::Shape& s, int processes) {
  ProcessGrid best;
  double bestSurface = -1;
  const double nx = double(s.nx), ny = double(s.ny), nz = double(s.nz);
  for (int m = 1; m <= processes; ++m) {
    if (processes % m || std::size_t(m) > s.nx) continue;
    for (int n = 1; n <= processes / m; ++n) {
      if ((processes / m) % n || std::size_t(n) > s.ny) continue;
      const int q = processes / m / n;
      if (std::size_t(q) > s.nz) continue;
      const double lx = nx / m, ly = ny / n, lz = nz / q, surface = lx * ly + ly * lz + lx * lz;
      if (bestSurface < 0 || surface < bestSurface - 1e-9) {
        bestSurface = surface;
        best = {PetscInt(m), PetscInt(n), PetscInt(q)};
      }
    }
  }
  if (bestSurface < 0)
    throw core::InputError("the grid " + std::to_string(s.nx) + " x " + std::to_string(s.ny) + " x " +
                           std::to_string(s.nz) + " (x, y, along the axis) cannot be split among " +
                           std::to_string(processes) + " processes; run fewer");
  return best;
}

void finishSolution(const ConductionProblem& p, DM da, KSP ksp, Vec b, Vec x, double inlet_V, bool keepPotential,
                    Solution& s) {
  PetscInt its;
  PetscReal rnorm, bnorm;
  KSPConvergedReason reason;
  check(KSPGetIterationNumber(ksp, &its), "KSPGetIterationNumber");
  check(KSPGetResidualNorm(ksp, &rnorm), "KSPGetResidualNorm");
  check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason");
  check(VecNorm(b, NORM_2, &bnorm), "VecNorm");
  s.iterations = int(its);
  s.relativeResidual = bnorm > 0 ? double(rnorm / bnorm) : 0.0;
  s.converged = reason > 0;
  // The currents through the inlet and outlet faces, from the owned cells
  // of the first and last slab, summed over the processes.
  PetscInt xs, ys, zs, xm, ym, zm;
  check(DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm), "DMDAGetCorners");
  const PetscScalar* xx;
  check(VecGetArrayRead(x, &xx), "VecGetArrayRead");
  const PetscInt nz = PetscInt(p.shape.nz), nx = PetscInt(p.shape.nx);
  double currents[2] = {0.0, 0.0};
  for (PetscInt k = zs; k < zs + zm; ++k) {
    if (k != 0 && k != nz - 1) continue;
    for (PetscInt j = ys; j < ys + ym; ++j)
      for (PetscInt i = xs; i < xs + xm; ++i) {
        const std::size_t face = std::size_t(j * nx + i), o = std::size_t(((k - zs) * ym + (j - ys)) * xm + (i - xs));
        if (!p.active[std::size_t(k) * p.shape.ny * p.shape.nx + face]) continue;
        if (k == 0) currents[0] += double(p.gIn[face]) * (inlet_V - xx[o]);
        if (k == nz - 1) currents[1] += double(p.gOut[face]) * xx[o];
      }
  }
  check(VecRestoreArrayRead(x, &xx), "VecRestoreArrayRead");
  double total[2];
  MPI_Allreduce(currents, total, 2, MPI_DOUBLE, MPI_SUM, PetscObjectComm(reinterpret_cast<PetscObject>(da)));
  s.inletCurrent_A = total[0];
  s.outletCurrent_A = total[1];
  if (!keepPotential) return;
  Vec natural, all;
  VecScatter toAll;
  check(DMDACreateNaturalVector(da, &natural), "DMDACreateNaturalVector");
  check(DMDAGlobalToNaturalBegin(da, x, INSERT_VALUES, natural), "DMDAGlobalToNaturalBegin");
  check(DMDAGlobalToNaturalEnd(da, x, INSERT_VALUES, natural), "DMDAGlobalToNaturalEnd");
  check(VecScatterCreateToAll(natural, &toAll, &all), "VecScatterCreateToAll");
  check(VecScatterBegin(toAll, natural, all, INSERT_VALUES, SCATTER_FORWARD), "VecScatterBegin");
  check(VecScatterEnd(toAll, natural, all, INSERT_VALUES, SCATTER_FORWARD), "VecScatterEnd");
  const PetscScalar* a;
  check(VecGetArrayRead(all, &a), "VecGetArrayRead");
  s.potential_V.assign(a, a + p.shape.size());
  check(VecRestoreArrayRead(all, &a), "VecRestoreArrayRead");
  for (std::size_t i = 0; i < s.potential_V.size(); ++i)
    if (!p.active[i]) s.potential_V[i] = 0.0;
  VecScatterDestroy(&toAll);
  VecDestroy(&all);
  VecDestroy(&natural);
}

}  // namespace petsc

int launchedProcesses() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* s = std::getenv(v)) return std::max(1, std::atoi(s));
  return 1;
}

PetscSession::PetscSession(const std::string& options) {
  // Options go in before initialisation, so that those PETSc reads only
  // there (-log_view, -malloc_view, ...) take effect too.
  if (!options.empty() && PetscOptionsInsertString(nullptr, options.c_str()))
    throw core::InputError("--petsc-options: PETSc cannot parse '" + options + "'");
  check(PetscInitializeNoArguments(), "initialisation");
  // PETSc errors come back as codes, which become one-line errors here,
  // instead of tracebacks from every process.
  PetscPushErrorHandler(PetscReturnErrorHandler, nullptr);
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank_);
  MPI_Comm_size(PETSC_COMM_WORLD, &size_);
  MPI_Comm node;
  int onNode = 1;
  if (MPI_Comm_split_type(PETSC_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) == MPI_SUCCESS) {
    MPI_Comm_size(node, &onNode);
    MPI_Comm_free(&node);
  }
  if (onNode > 1) {
    const unsigned share = std::max(1u, std::thread::hardware_concurrency() / unsigned(onNode));
    threadLimit_ = std::make_shared<tbb::global_control>(tbb::global_control::max_allowed_parallelism, share);
  }
}

PetscSession::~PetscSession() { PetscFinalize(); }

Solution solveConductionPetsc(const ConductionProblem& p, const SolveOptions& o, const std::string& method,
                              double inlet_V) {
  if (method == "mg") return solveConductionPetscMultigrid(p, o, inlet_V);
  const PetscInt nz = PetscInt(p.shape.nz), ny = PetscInt(p.shape.ny), nx = PetscInt(p.shape.nx);
  const DMBoundaryType side = p.periodicSides ? DM_BOUNDARY_PERIODIC : DM_BOUNDARY_NONE;
  DM da;
  int processes = 1;
  MPI_Comm_size(PETSC_COMM_WORLD, &processes);
  const petsc::ProcessGrid grid = petsc::processGrid(p.shape, processes);
  check(DMDACreate3d(PETSC_COMM_WORLD, side, side, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, nx, ny, nz, grid.m, grid.n,
                     grid.q, 1, 1, nullptr, nullptr, nullptr, &da), "DMDACreate3d");
  check(DMSetUp(da), "DMSetUp");
  Mat A;
  Vec x, b;
  check(DMCreateMatrix(da, &A), "DMCreateMatrix");
  check(DMCreateGlobalVector(da, &x), "DMCreateGlobalVector");
  check(VecDuplicate(x, &b), "VecDuplicate");
  PetscInt xs, ys, zs, xm, ym, zm;
  check(DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm), "DMDAGetCorners");
  PetscScalar*** bb;
  check(DMDAVecGetArray(da, b, &bb), "DMDAVecGetArray");
  const std::size_t sx = 1, sy = std::size_t(nx), sz = std::size_t(nx * ny);
  for (PetscInt k = zs; k < zs + zm; ++k)
    for (PetscInt j = ys; j < ys + ym; ++j)
      for (PetscInt i = xs; i < xs + xm; ++i) {
        const std::size_t c = std::size_t(k) * sz + std::size_t(j) * sy + std::size_t(i);
        MatStencil row{k, j, i, 0}, col[7];
        PetscScalar val[7];
        int n = 0;
        double diag = 0;
        auto add = [&](float g, PetscInt kk, PetscInt jj, PetscInt ii) {
          if (g == 0.0f) return;
          col[n] = {kk, jj, ii, 0};
          val[n++] = -double(g);
          diag += g;
        };
        add(p.gx[c], k, j, i + 1);
        add(i > 0 ? p.gx[c - sx] : (p.periodicSides ? p.gx[c + sx * std::size_t(nx - 1)] : 0.0f), k, j, i - 1);
        add(p.gy[c], k, j + 1, i);
        add(j > 0 ? p.gy[c - sy] : (p.periodicSides ? p.gy[c + sy * std::size_t(ny - 1)] : 0.0f), k, j - 1, i);
        if (k + 1 < nz) add(p.gz[c], k + 1, j, i);
        if (k > 0) add(p.gz[c - sz], k - 1, j, i);
        bb[k][j][i] = 0;
        if (k == 0) { diag += p.gIn[std::size_t(j) * sy + std::size_t(i)]; bb[k][j][i] = double(p.gIn[std::size_t(j) * sy + std::size_t(i)]) * inlet_V; }
        if (k + 1 == nz) diag += p.gOut[std::size_t(j) * sy + std::size_t(i)];
        if (diag == 0) diag = 1;  // a cell outside the solve: an identity row, value 0
        col[n] = row;
        val[n++] = diag;
        check(MatSetValuesStencil(A, 1, &row, n, col, val, INSERT_VALUES), "MatSetValuesStencil");
      }
  check(DMDAVecRestoreArray(da, b, &bb), "DMDAVecRestoreArray");
  check(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  check(MatSetOption(A, MAT_SPD, PETSC_TRUE), "MatSetOption");

  KSP ksp;
  PC pc;
  check(KSPCreate(PETSC_COMM_WORLD, &ksp), "KSPCreate");
  check(KSPSetOperators(ksp, A, A), "KSPSetOperators");
  check(KSPSetType(ksp, KSPCG), "KSPSetType");
  check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
  check(KSPSetTolerances(ksp, o.relativeTolerance, 1e-300, PETSC_DEFAULT, o.maxIterations), "KSPSetTolerances");
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  if (method == "hypre") {
    check(PCSetType(pc, PCHYPRE), "PCSetType hypre");
    check(PCHYPRESetType(pc, "boomeramg"), "PCHYPRESetType");
  } else {
    check(PCSetType(pc, PCGAMG), "PCSetType gamg");
  }
  check(KSPSetFromOptions(ksp), "KSPSetFromOptions");  // the user's -ksp_* and -pc_* win
  check(KSPSolve(ksp, b, x), "KSPSolve");
  Solution s;
  s.levels = 0;
  petsc::finishSolution(p, da, ksp, b, x, inlet_V, o.keepPotential, s);
  KSPDestroy(&ksp);
  VecDestroy(&x);
  VecDestroy(&b);
  MatDestroy(&A);
  DMDestroy(&da);
  return s;
}

}  // namespace ssb::transport
