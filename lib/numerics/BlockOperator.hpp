#pragma once
// Several unknowns per cell: one VoxelOperator per component (its own
// faces and cell terms, the component's own transport) on one box, and
// couplings that faces cannot express, between components or between
// cells (an interface reaction that ties a potential to a concentration,
// the non-symmetric terms of a linearisation):
//
//   (A x)_(c, i) = (A_c x_c)_i + sum over couplings (c, i) <- (c', j) of value x_(c', j)
//
// Indices are the box's ghosted layout; a coupling may reach into the
// ghost layer (a neighbour across a periodic side or on another process),
// which the halo fills before the couplings are applied. The multigrid
// preconditioner of a block system (BlockMultigrid) works component by
// component on the components' own operators, with what of the couplings
// it can use: a cell's coupling to itself joins the cell term, and the
// couplings to earlier components enter the later ones' right-hand sides
// (block Gauss-Seidel).
#include <cstdint>
#include <memory>
#include <vector>

#include "numerics/Multigrid.hpp"
#include "numerics/VoxelOperator.hpp"

namespace ssb::numerics {

// 24 bytes: a discharge Jacobian holds some 30 per CAM voxel.
struct Coupling {
  std::uint32_t row = 0, col = 0;                     // cells (ghosted indices of one process's box)
  std::uint16_t rowComponent = 0, colComponent = 0;
  double value = 0;
};

// One Field per component.
using BlockVector = std::vector<Field<double>>;
BlockVector makeBlockVector(const Box& box, std::size_t components);

class BlockOperator {
 public:
  BlockOperator() = default;  // no component yet
  explicit BlockOperator(std::vector<VoxelOperator> components);
  std::size_t components() const { return ops_.size(); }
  const Box& box() const { return ops_.front().box(); }
  VoxelOperator& component(std::size_t c) { return ops_[c]; }
  const VoxelOperator& component(std::size_t c) const { return ops_[c]; }
  // Changing the couplings through this drops their slab index (below).
  std::vector<Coupling>& couplings() {
    slabStart_.clear();
    return couplings_;
  }
  const std::vector<Coupling>& couplings() const { return couplings_; }
  // Declares the couplings ordered by the slab of their row cell: those
  // of owned slab z are [start[z], start[z + 1]), start of size mz + 1.
  // apply() then adds them slab by slab in parallel (each row's in its
  // order, so the sums are the same bits). Throws std::invalid_argument
  // if a coupling's row lies outside its slab.
  void indexCouplingsBySlab(std::vector<std::size_t> start);

  // y = A x over the owned cells; x's ghosts must be filled.
  void apply(const BlockVector& x, BlockVector& y) const;

 private:
  std::vector<VoxelOperator> ops_;
  std::vector<Coupling> couplings_;
  std::vector<std::size_t> slabStart_;  // empty: not indexed, applied in one pass
};

// Block Gauss-Seidel preconditioner over the components, each solved
// approximately by its multigrid:
//
//   z_c = M_c^-1 (r_c - sum over couplings (c, i) <- (c' < c, j) of value z_(c', j)),
//
// where M_c is the multigrid of component c's operator with the positive
// couplings of each cell to itself added to its cell term (an interface
// reaction's dependence on the cell's own state: leaving it out makes
// the preconditioner blind to the stiffest rows of a stiff Jacobian).
// Order the components so that the strongest cross couplings go from
// earlier to later ones (the potentials before a concentration that
// follows them). Couplings from later to earlier components are left out.
class BlockMultigrid {
 public:
  BlockMultigrid(const BlockOperator& A, const std::vector<Box>& boxes, const HaloFactory& halos,
                 const MultigridOptions& options = {});
  std::size_t components() const { return mg_.size(); }
  Multigrid& component(std::size_t c) { return *mg_[c]; }
  // z = M^-1 r (ghosts of z filled).
  void apply(const BlockVector& r, BlockVector& z);

 private:
  std::vector<std::unique_ptr<VoxelOperator>> ops_;  // the components with their own couplings folded in
  std::vector<std::unique_ptr<Multigrid>> mg_;
  std::vector<std::vector<Coupling>> lower_;  // per component: its couplings to earlier components
  Field<float> rf_, zf_;
};

}  // namespace ssb::numerics
