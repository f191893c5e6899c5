#pragma once
// Where and how a tool's linear systems are solved. A physics library
// (transport, echem) builds its operators on the boxes a Solver gives it
// and asks the Solver to solve, to sum over processes and to gather
// fields; it never sees whether that happens on this process alone
// (SharedMemorySolver, here) or on several under mpirun
// (parallel/PetscSolver.hpp). The tool picks the Solver
// (parallel/RunPolicy.hpp decides which).
#include <memory>
#include <string>
#include <vector>

#include "numerics/BlockOperator.hpp"
#include "numerics/Halo.hpp"
#include "numerics/Krylov.hpp"
#include "numerics/Layout.hpp"
#include "numerics/Multigrid.hpp"
#include "numerics/VoxelOperator.hpp"

namespace ssb::numerics {

class Solver {
 public:
  virtual ~Solver() = default;
  virtual std::string name() const = 0;
  virtual int rank() const { return 0; }
  virtual int processes() const { return 1; }
  // This process's box on every level of the hierarchy for a fine extent
  // ([0] is the fine box; one box for a method without multigrid).
  virtual std::vector<Box> boxes(const Extent& fine) const = 0;
  // Halos for a physics' own fields on these boxes (a residual that reads
  // its neighbours fills their ghosts first).
  virtual const HaloFactory& halos() const = 0;
  // Solves A x = b, A symmetric positive definite (CG) and built on
  // boxes[0]; b may be overwritten; x holds the initial guess and returns
  // the solution with its ghosts filled.
  virtual KrylovResult solve(const VoxelOperator& A, const std::vector<Box>& boxes, Field<double>& b,
                             Field<double>& x, const KrylovOptions& options) = 0;
  // Solves a block system of any symmetry (flexible GMRES, block multigrid).
  virtual KrylovResult solve(const BlockOperator& A, const std::vector<Box>& boxes, const BlockVector& b,
                             BlockVector& x, const KrylovOptions& options) = 0;
  // The sum and the largest of `local` over the processes.
  virtual double sum(double local) const { return local; }
  virtual double maximum(double local) const { return local; }
  // The owned values of a field of every process as one array of the whole
  // level in C order, on rank 0 (empty on the others).
  virtual std::vector<double> gather(const Box& box, const Field<double>& x) const;
};

// On this process, threads over slabs: CG (flexible GMRES for block systems)
// preconditioned by the multigrid ("mg") or by the inverse diagonal
// ("jacobi": no hierarchy, for comparison).
class SharedMemorySolver : public Solver {
 public:
  explicit SharedMemorySolver(bool multigrid = true, const MultigridOptions& options = {})
      : multigrid_(multigrid), options_(options) {}
  std::string name() const override { return multigrid_ ? "mg" : "jacobi"; }
  std::vector<Box> boxes(const Extent& fine) const override;
  const HaloFactory& halos() const override { return halos_; }
  KrylovResult solve(const VoxelOperator& A, const std::vector<Box>& boxes, Field<double>& b, Field<double>& x,
                     const KrylovOptions& options) override;
  KrylovResult solve(const BlockOperator& A, const std::vector<Box>& boxes, const BlockVector& b, BlockVector& x,
                     const KrylovOptions& options) override;

 private:
  bool multigrid_;
  MultigridOptions options_;
  LocalHaloFactory halos_;
};

}  // namespace ssb::numerics
