#pragma once
// Geometric multigrid for a VoxelOperator, used as the preconditioner of a
// Krylov method, the one definition behind every ssbvox solve: the
// shared-memory solvers (Krylov.hpp) and the distributed ones
// (parallel/PetscKrylov.hpp, which hands this cycle to PETSc as its
// preconditioner) run the same levels, coarse operators, smoother and
// cycle; only the halo differs.
//
//  - Levels: Layout.hpp's levelExtents and levelBoxes (2 x 2 x 2 cells
//    joined per level); coarse operators by VoxelOperator::coarsened (half
//    the sum of the fine faces across a coarse face, the sum of the cell
//    terms).
//  - Transfers: piecewise constant (prolongAdd) and its transpose
//    (restrictResidual), restricted to the cells in the solve.
//  - Smoother: symmetric red-black Gauss-Seidel, red then black before the
//    coarse correction and black then red after it, so the cycle is a
//    symmetric preconditioner (CG needs one). On the coarsest level a fixed
//    30 pairs each way from zero.
//  - Cycle: W (the coarse correction cycled twice, except above the
//    coarsest level) or V.
//  - Precision: single (vectors and the operator's stored conductances):
//    the preconditioner needs no more, and half the bytes make it faster;
//    the Krylov method runs in double.
// On one process the smoother runs a red and a black half sweep in one
// pass over the slabs (the black cells of slab z - 1 right after the red
// cells of slab z), refreshing each slab's periodic ghosts as it goes:
// every update reads the same values as in two passes, so the result is
// the same and does not depend on the thread count, and the memory
// traffic, which bounds the smoother, halves.
#include <memory>
#include <vector>

#include "numerics/Halo.hpp"
#include "numerics/VoxelOperator.hpp"

namespace ssb::numerics {

struct MultigridOptions {
  int smoothingSweeps = 2;  // symmetric pairs of half sweeps before and after the coarse correction
  int coarseCycles = 2;     // 1: V-cycle, 2: W-cycle
  int coarsestSweeps = 30;  // pairs of half sweeps each way on the coarsest level
};

class Multigrid {
 public:
  // `fine` must outlive the hierarchy; boxes[k] is this process's box on
  // level k (levelBoxes; boxes[0] == fine.box()).
  Multigrid(const VoxelOperator& fine, const std::vector<Box>& boxes, const HaloFactory& halos,
            const MultigridOptions& options = {});
  int levels() const { return int(levels_.size()); }
  const VoxelOperator& op(int level) const { return *levels_[std::size_t(level)].op; }
  const Halo& halo(int level) const { return *levels_[std::size_t(level)].halo; }

  // z = M^-1 r on the fine level: r is read on the owned cells, z is
  // written everywhere (ghosts filled).
  void apply(const float* r, float* z);

 private:
  struct Level {
    const VoxelOperator* op = nullptr;
    std::unique_ptr<VoxelOperator> owned;  // coarse levels own their operator
    std::unique_ptr<Halo> halo;
    Field<float> x, b, r, x2, b2;  // coarse levels: the cycle's vectors
  };
  void cycle(std::size_t k, const float* b, float* x);
  void smooth(std::size_t k, const float* b, float* x, int pairs, bool pre);
  std::vector<Level> levels_;
  MultigridOptions options_;
};

}  // namespace ssb::numerics
