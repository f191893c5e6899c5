#pragma once
// The conduction solve through PETSc, for runs on several processes
// (`mpirun -n N effcond ...`), on a DMDA of the voxel grid (periodic sides
// as DMDA periodic boundaries), every PETSc option open to the user
// (-ksp_*, -pc_*, -mg_levels_*):
//  - "mg": CG preconditioned by the matrix-free geometric multigrid of
//    Multigrid.hpp inside PCMG: one MatShell operator per level applied
//    from the face conductances, the same averaged-conductance coarse
//    levels, piecewise-constant transfers, symmetric red-black Gauss-Seidel
//    smoothing as a PCShell, the W-cycle. The DMDA levels are split so that
//    each process's coarse cells are the parents of its fine cells, so
//    the transfers need no communication; smoothing and the operator
//    exchange one ghost layer.
//  - "gamg", "hypre": the operator assembled (AIJ), CG with PETSc's
//    algebraic multigrid or hypre's BoomerAMG, for comparison.
// Each process builds the problem of the whole grid and works on the cells
// it owns; the solution is gathered to every process. PETSc headers stay in
// the .cpp files.
#include <memory>
#include <string>

#include "transport/Conduction.hpp"
#include "transport/Multigrid.hpp"

namespace ssb::transport {

// Initialises MPI and PETSc (with the given options string) for its
// lifetime; rank() and size() of PETSC_COMM_WORLD. With several processes
// on one machine, each process's threads are limited to its share of the
// cores (hardware threads / processes on the node).
class PetscSession {
 public:
  explicit PetscSession(const std::string& options);
  ~PetscSession();
  PetscSession(const PetscSession&) = delete;
  PetscSession& operator=(const PetscSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0, size_ = 1;
  std::shared_ptr<void> threadLimit_;
};

// method: "mg", "gamg" or "hypre". Needs a live PetscSession.
Solution solveConductionPetsc(const ConductionProblem& problem, const SolveOptions& options,
                              const std::string& method, double inlet_V = 1.0);

// The "mg" method (PetscMultigrid.cpp).
Solution solveConductionPetscMultigrid(const ConductionProblem& problem, const SolveOptions& options,
                                       double inlet_V = 1.0);

// Processes the MPI launcher started (1 outside mpirun), from its environment.
int launchedProcesses();

}  // namespace ssb::transport
