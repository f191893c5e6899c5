#pragma once
// The conduction solve through PETSc, for runs on several processes
// (`mpirun -n N effcond --solver petsc-gamg ...`): the operator assembled on
// a DMDA of the voxel grid (periodic sides as DMDA periodic boundaries), CG
// with PETSc's algebraic multigrid (GAMG) or hypre's BoomerAMG, every PETSc
// option open to the user (-ksp_*, -pc_*). Each process builds the problem
// of the whole grid and assembles the rows it owns; the solution is
// gathered to every process. PETSc headers stay in PetscSolver.cpp.
#include <string>

#include "transport/Conduction.hpp"
#include "transport/Multigrid.hpp"

namespace ssb::transport {

// Initialises MPI and PETSc (with the given options string) for its
// lifetime; rank() and size() of PETSC_COMM_WORLD.
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
};

// method: "gamg" or "hypre". Needs a live PetscSession.
Solution solveConductionPetsc(const ConductionProblem& problem, const SolveOptions& options,
                              const std::string& method, double inlet_V = 1.0);

// Processes the MPI launcher started (1 outside mpirun), from its environment.
int launchedProcesses();

}  // namespace ssb::transport
