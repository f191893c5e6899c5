#pragma once
// Solver of the voxel conduction problem: conjugate gradients preconditioned
// by a matrix-free geometric multigrid W-cycle on the voxel grid. The
// operator is applied straight from the face conductances; coarse levels
// join 2 x 2 x 2 cells and take half the sum of the fine conductances across
// each coarse face (the rediscretised operator of averaged conductances);
// piecewise-constant transfers; symmetric red-black Gauss-Seidel smoothing
// (or damped Jacobi), so the preconditioner is SPD; the cycle in single
// precision, CG in double. PetscSolver.hpp runs the same method distributed. Cells
// outside the solve (other phases, isolated clusters) have no conductance
// and stay zero. Work runs over z slabs in parallel; sums are reduced in a
// fixed order, so the result does not depend on the thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "transport/Conduction.hpp"

namespace ssb::transport {

enum class Smoother { GaussSeidel, Jacobi };

struct SolveOptions {
  double relativeTolerance = 1e-6;  // on ||r|| / ||b||: tau within about 0.05 %
  int maxIterations = 500;
  int smoothingSweeps = 2;          // pre and post
  Smoother smoother = Smoother::GaussSeidel;
  int coarseCycles = 2;             // 1: V-cycle, 2: W-cycle (the coarse levels cycled twice)
  double jacobiWeight = 0.9;        // for Smoother::Jacobi
  bool multigrid = true;            // false: Jacobi-preconditioned CG (for comparison)
  std::string petscMethod;          // "mg", "gamg" or "hypre": solve through PETSc instead
  bool keepPotential = true;        // false: Solution::potential_V may stay empty (PETSc: no gather)
};

struct Solution {
  core::BigVector<double> potential_V;  // per cell; 0 outside the solve
  double inletCurrent_A = 0, outletCurrent_A = 0;
  int iterations = 0, levels = 0;
  double relativeResidual = 0;
  bool converged = false;
};

// Solves with V = inlet_V on the z = 0 face and 0 on the z = nz face.
Solution solveConduction(const ConductionProblem& problem, const SolveOptions& options = {},
                         double inlet_V = 1.0);

}  // namespace ssb::transport
