#pragma once
// Helpers shared by the PETSc solvers (PetscSolver.cpp, PetscMultigrid.cpp);
// included only by them, so PETSc headers stay out of the rest of ssbvox.
#include <petscdmda.h>
#include <petscksp.h>
#include <petscsf.h>

#include <string>

#include "core/Error.hpp"
#include "transport/Multigrid.hpp"

namespace ssb::transport::petsc {

inline void check(PetscErrorCode e, const char* what) {
  if (e) throw core::RuntimeFailure(std::string("PETSc: ") + what + " failed (error " + std::to_string(int(e)) + ")");
}

// Fills the iteration count, residual and convergence of `s` from a solved
// KSP, sums the inlet and outlet currents over the processes, and, with
// keepPotential, gathers x (on the DMDA `da`) in natural (z, y, x) order to
// every process.
// Processes along x, y and z: every process gets at least one cell along
// each axis, and the local boxes are as compact as possible (the smallest
// local surface, which the ghost exchange moves). Throws core::InputError
// where the grid is too small for the processes.
struct ProcessGrid {
  PetscInt m = 1, n = 1, q = 1;
};
ProcessGrid processGrid(const core::Shape& shape, int processes);

void finishSolution(const ConductionProblem& p, DM da, KSP ksp, Vec b, Vec x, double inlet_V, bool keepPotential,
                    Solution& s);

}  // namespace ssb::transport::petsc
