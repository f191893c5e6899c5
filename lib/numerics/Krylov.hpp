#pragma once
// Krylov methods on one process (shared memory, threads over slabs), with
// the multigrid of Multigrid.hpp as preconditioner. Under mpirun the same
// operators and multigrid run inside PETSc's KSP instead
// (parallel/PetscKrylov.hpp). Sums are taken per slab and added in slab
// order, so results do not depend on the thread count.
#include "numerics/BlockOperator.hpp"
#include "numerics/Halo.hpp"
#include "numerics/Multigrid.hpp"
#include "numerics/VoxelOperator.hpp"

namespace ssb::numerics {

struct KrylovOptions {
  double relativeTolerance = 1e-6;  // on ||b - A x|| / ||b||
  int maxIterations = 500;
  int restart = 30;                 // GMRES: Krylov vectors kept before a restart
};

struct KrylovResult {
  int iterations = 0;
  double relativeResidual = 0;
  bool converged = false;
};

// Preconditioned conjugate gradients for a symmetric positive definite
// VoxelOperator on a box that is its whole level: preconditioned by `mg`
// (built on A), or by the inverse diagonal (Jacobi) when mg is null.
// b is the right-hand side and becomes the final residual (its storage is
// the residual's); x holds the initial guess and returns the solution,
// ghosts filled. The vector updates are fused into as few passes over the
// grid as possible: the residual norm and the single-precision copy of r
// come with the update of x and r, q = A d with d . q.
KrylovResult conjugateGradient(const VoxelOperator& A, const Halo& halo, Multigrid* mg, Field<double>& b,
                               Field<double>& x, const KrylovOptions& options = {});

// Restarted flexible GMRES (FGMRES, Saad 1993: modified Gram-Schmidt,
// Givens rotations), right-preconditioned by the block multigrid, for any
// BlockOperator, symmetric or not. Flexible: the update is built from the
// preconditioned vectors themselves, which a single-precision multigrid
// cycle (linear only to its rounding) needs for the true residual to
// follow the estimated one; at each restart the true residual ||b - A x||
// is computed and tested. x holds the initial guess and returns the
// solution, ghosts filled.
KrylovResult gmres(const BlockOperator& A, const Halo& halo, BlockMultigrid& M, const BlockVector& b, BlockVector& x,
                   const KrylovOptions& options = {});

}  // namespace ssb::numerics
