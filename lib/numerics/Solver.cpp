#include "numerics/Solver.hpp"

namespace ssb::numerics {

std::vector<double> Solver::gather(const Box& box, const Field<double>& x) const {
  std::vector<double> all(box.owned());
  std::size_t k = 0;
  for (long z = 0; z < long(box.mz()); ++z)
    for (long y = 0; y < long(box.my()); ++y)
      for (long xx = 0; xx < long(box.mx()); ++xx) all[k++] = x[box.at(z, y, xx)];
  return all;
}

std::vector<Box> SharedMemorySolver::boxes(const Extent& fine) const {
  return levelBoxes(levelExtents(fine, {}, multigrid_), {}, 0);
}

KrylovResult SharedMemorySolver::solve(const VoxelOperator& A, const std::vector<Box>& boxes, Field<double>& b,
                                       Field<double>& x, const KrylovOptions& options) {
  std::unique_ptr<Multigrid> mg;
  if (multigrid_) mg = std::make_unique<Multigrid>(A, boxes, halos_, options_);
  const LocalHalo halo(A.box(), A.conditions());
  return conjugateGradient(A, halo, mg.get(), b, x, options);
}

KrylovResult SharedMemorySolver::solve(const BlockOperator& A, const std::vector<Box>& boxes, const BlockVector& b,
                                       BlockVector& x, const KrylovOptions& options) {
  // Jacobi has no block preconditioner here: the multigrid serves both.
  BlockMultigrid M(A, multigrid_ ? boxes : std::vector<Box>{boxes.front()}, halos_, options_);
  const LocalHalo halo(A.box(), A.component(0).conditions());
  return gmres(A, halo, M, b, x, options);
}

}  // namespace ssb::numerics
