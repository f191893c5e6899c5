#pragma once
// The distributed numerics::Solver: each process owns a box of every level
// (numerics/Layout.hpp: compact boxes, each process's coarse cells the
// parents of its fine cells) and PETSc's KSP drives the Krylov method
// (CG for the scalar operators, flexible GMRES for block systems; the user's -ksp_*
// options win), on Vecs of the owned cells.
//  - "mg": the operator is numerics::apply on the box (a MatShell), the
//    preconditioner numerics::Multigrid's cycle (a PCShell): the same code
//    as the shared-memory solver; only the halo differs, a PetscSF that
//    fills the face ghosts from their owners (one layer: the 7-point
//    operator).
//  - "hypre", "gamg": the operator assembled (AIJ) from the same faces,
//    with BoomerAMG or PETSc's GAMG, for comparison.
// Needs a live Session.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "numerics/Solver.hpp"

namespace ssb::parallel {

class PetscSolver : public numerics::Solver {
 public:
  PetscSolver(const std::string& method, const numerics::MultigridOptions& options = {});
  ~PetscSolver() override;
  std::string name() const override { return "petsc-" + method_; }
  int rank() const override { return rank_; }
  int processes() const override { return size_; }
  // Throws core::InputError where the grid cannot be split among the processes.
  std::vector<numerics::Box> boxes(const numerics::Extent& fine) const override;
  const numerics::HaloFactory& halos() const override;
  numerics::KrylovResult solve(const numerics::VoxelOperator& A, const std::vector<numerics::Box>& boxes,
                               numerics::Field<double>& b, numerics::Field<double>& x,
                               const numerics::KrylovOptions& options) override;
  numerics::KrylovResult solve(const numerics::BlockOperator& A, const std::vector<numerics::Box>& boxes,
                               const numerics::BlockVector& b, numerics::BlockVector& x,
                               const numerics::KrylovOptions& options) override;
  double sum(double local) const override;
  double maximum(double local) const override;
  std::vector<double> gather(const numerics::Box& box, const numerics::Field<double>& x) const override;

 private:
  std::string method_;
  numerics::MultigridOptions options_;
  int rank_ = 0, size_ = 1;
  std::unique_ptr<numerics::HaloFactory> halos_;
};

}  // namespace ssb::parallel
