#pragma once
// The finite-volume operator of a scalar field on voxels, one level of it:
//
//   (A x)_i = (c_i + sum_f g_f) x_i - sum_f g_f x_j(f)
//
// over the six faces f of cell i (j(f) the cell across f), with g_f the
// face conductance (harmonic mean of two cells' conductivities, a series
// resistance, a linearised reaction across an interface: whatever the
// physics puts there) and c_i a cell (diagonal) term (a capacity over the
// time step, a linearised sink), both >= 0. The right-hand side is the
// caller's. A face on a side that is not periodic joins the cell to a
// ghost held at zero: a non-zero conductance there is a Dirichlet side
// (its value moves to the right-hand side: addDirichlet), a zero one an
// insulated or Neumann side (addNeumann). Cells without faces or cell term
// are outside the solve: their row and column are empty and their values
// stay 0.
//
// Conductances are stored in single precision (4 bytes a face: the solve is
// bound by memory traffic); the operator is applied in the precision of
// the vectors (double in the Krylov method, single in the multigrid cycle).
// The layout is Layout.hpp's ghosted box; a Halo fills the ghosts of a
// vector before the operator reads them.
#include <cstddef>
#include <cstdint>

#include "core/HugePages.hpp"
#include "numerics/Layout.hpp"
#include "numerics/Parallel.hpp"

namespace ssb::numerics {

// One value per cell of a box's ghosted layout.
template <typename T>
using Field = core::BigVector<T>;

// A field of the box, zero everywhere (first touched in parallel, by slab).
template <typename T>
Field<T> makeField(const Box& box) {
  Field<T> f(box.size());
  const std::size_t sz = box.sz();
  forSlabs(box.mz() + 2, [&](std::size_t z) {
    for (std::size_t i = z * sz; i < (z + 1) * sz; ++i) f[i] = T(0);
  });
  return f;
}

class VoxelOperator {
 public:
  VoxelOperator() = default;
  // exact: keep the faces in double precision too, for applying the
  // operator to double vectors (a Newton Jacobian whose conductances span
  // many decades: single precision would blur the small ones beside the
  // large); the multigrid reads the single-precision copy.
  VoxelOperator(const Box& box, const BoundaryConditions& conditions, bool cellTerm = false, bool exact = false);

  const Box& box() const { return box_; }
  const BoundaryConditions& conditions() const { return conditions_; }
  bool periodic(int axis) const { return conditions_.periodic(axis); }
  bool hasCellTerm() const { return !cell_.empty(); }

  // Face conductances along axis (0 z, 1 y, 2 x), ghosted layout, indexed
  // by the lower cell; cell terms (empty without them); 1 / diagonal (0
  // outside the solve), after finish().
  float* faces(int axis) { return faces_[std::size_t(axis)].data(); }
  const float* faces(int axis) const { return faces_[std::size_t(axis)].data(); }
  bool exact() const { return !exact_[0].empty(); }
  const double* exactFaces(int axis) const { return exact_[std::size_t(axis)].data(); }
  // Sets one face (both copies when exact).
  void setFace(int axis, std::size_t i, double g) {
    faces_[std::size_t(axis)][i] = float(g);
    if (exact()) exact_[std::size_t(axis)][i] = g;
  }
  float* cellTerm() { return cell_.data(); }
  const float* cellTerm() const { return cell_.data(); }
  const float* inverseDiagonal() const { return invDiag_.data(); }
  bool active(std::size_t i) const { return invDiag_[i] != 0.0f; }

  // Sets every face of the box from rule(axis, z, y, x): the conductance of
  // the face between global cell (z, y, x) and its + neighbour along axis,
  // where coordinate -1 asks for the low boundary face of cell 0 and n - 1
  // on an axis that is not periodic for the high boundary face of cell
  // n - 1 (on a periodic axis, n - 1 is the face across the wrap to cell
  // 0). Faces that would join a cell to itself (a periodic axis one cell
  // across) get none. In parallel over slabs; rule must be thread-safe.
  template <typename FaceRule>
  void setFaces(FaceRule&& rule);
  // The same from a rule on cells of the box: rule(axis, i, j) for the
  // face between ghosted indices i and j = i + stride(axis), for i an owned
  // cell or the ghost below the box (j then owned); for a physics whose
  // state lives in the box's fields (ghosts filled), not on a global grid.
  template <typename FaceRule>
  void setFacesByIndex(FaceRule&& rule);
  // Sets the cell term of every owned cell from rule(z, y, x) (global).
  template <typename CellRule>
  void setCellTerm(CellRule&& rule);
  // The inverse diagonal, once faces and cell terms are set.
  void finish();

  // The next coarser level on `coarse` (its box from levelBoxes): 2 x 2 x 2
  // cells joined (sizes rounded up). A coarse face takes half the sum of
  // the fine faces across it, the operator rediscretised with averaged
  // conductances (the sum alone, the Galerkin product of piecewise-constant
  // transfers, is twice too stiff for a diffusion operator); a coarse cell
  // term is the sum of its children's, which is the Galerkin product for a
  // diagonal term. On a periodic axis one coarse cell across there are no
  // faces. Needs nothing but this box: ghost faces included, the coarse
  // faces come from this level's faces and ghost faces.
  VoxelOperator coarsened(const Box& coarse) const;

 private:
  // Calls value(axis, i, z, y, x) for every face the layout holds and sets it.
  template <typename SlotValue>
  void forFaceSlots(SlotValue&& value);
  Box box_;
  BoundaryConditions conditions_;
  std::array<Field<float>, 3> faces_;
  std::array<Field<double>, 3> exact_;  // empty unless exact
  Field<float> cell_, invDiag_;
};

// --- Kernels, in the precision T of the vectors (float or double). -------

// out = A in over the owned cells; in's ghosts must be filled. Returns
// in . out over the owned cells when withDot (else 0), summed in slab order.
template <typename T>
double apply(const VoxelOperator& A, const T* in, T* out, bool withDot = false);
// One Gauss-Seidel half sweep on slab z (local) over the cells of one
// colour, (global z + y + x) % 2 == colour, in place: x_i = (b_i + sum_f
// g_f x_j) / d_i. Cells of the other colour are neighbours only, so the
// half sweep's order does not matter; ghosts must be filled.
template <typename T>
void gaussSeidelSlab(const VoxelOperator& A, const T* b, T* x, int colour, std::size_t z);
// coarseB = the residual b - A x summed over each coarse cell's children
// in the solve (the transpose of prolongAdd), over the coarse box's owned
// cells; x's ghosts must be filled.
template <typename T>
void restrictResidual(const VoxelOperator& fine, const T* b, const T* x, const VoxelOperator& coarse, T* coarseB);
// x += P coarseX: piecewise constant into the fine cells in the solve.
template <typename T>
void prolongAdd(const VoxelOperator& fine, const VoxelOperator& coarse, const T* coarseX, T* x);

// --- Boundary terms. ------------------------------------------------------

// b += g value on the cells of a Dirichlet side (axis, end 0 low / 1 high)
// held at `value`, through the side's face conductances g.
void addDirichlet(const VoxelOperator& A, int axis, int end, double value, double* b);
// b += inflow on every cell of a side (axis, end) that is in the solve: a
// Neumann side with `inflow` entering through each of its faces.
void addNeumann(const VoxelOperator& A, int axis, int end, double inflow, double* b);
// The flow into the box through a Dirichlet side held at `value`: the sum
// of g (value - x_i) over the side's faces that this box holds.
double dirichletInflow(const VoxelOperator& A, int axis, int end, double value, const double* x);

// --- Template definitions. ------------------------------------------------

template <typename SlotValue>
void VoxelOperator::forFaceSlots(SlotValue&& value) {
  const Box& b = box_;
  // Every position of the layout is written (first touch, in parallel):
  // the faces of owned cells and of the ghosts below them, 0 elsewhere.
  forSlabs(b.mz() + 2, [&](std::size_t zz) {
    const long z = long(zz) - 1;
    for (long y = -1; y <= long(b.my()); ++y)
      for (long x = -1; x <= long(b.mx()); ++x) {
        const std::size_t i = b.at(z, y, x);
        // Owned cells need their three + faces; a ghost below the box only
        // the face along its ghost axis (towards the box); others none. A
        // periodic axis one cell long has no faces (a cell is no neighbour
        // of itself).
        const bool inZ = z >= 0 && z < long(b.mz()), inY = y >= 0 && y < long(b.my()),
                   inX = x >= 0 && x < long(b.mx());
        const bool slot[3] = {inY && inX && (inZ || z == -1), inZ && inX && (inY || y == -1),
                              inZ && inY && (inX || x == -1)};
        for (int a = 0; a < 3; ++a)
          setFace(a, i, slot[a] && !(periodic(a) && b.global.along(a) == 1) ? double(value(a, i, z, y, x)) : 0.0);
      }
  });
}

template <typename FaceRule>
void VoxelOperator::setFaces(FaceRule&& rule) {
  const Box& b = box_;
  const std::array<long, 3> n{long(b.global.nz), long(b.global.ny), long(b.global.nx)};
  // Global coordinate of local c on axis a (c in [-1, m)): the ghost -1
  // wraps on a periodic axis and is the boundary (-1) otherwise.
  auto global = [&](int a, long c) {
    const long g = long(b.start[std::size_t(a)]) + c;
    if (g >= 0) return g;
    return periodic(a) ? g + n[std::size_t(a)] : -1L;
  };
  forFaceSlots([&](int a, std::size_t, long z, long y, long x) -> float {
    return rule(a, global(0, z), global(1, y), global(2, x));
  });
}

template <typename FaceRule>
void VoxelOperator::setFacesByIndex(FaceRule&& rule) {
  const std::array<std::size_t, 3> stride{box_.sz(), box_.sy(), 1};
  forFaceSlots([&](int a, std::size_t i, long, long, long) { return rule(a, i, i + stride[std::size_t(a)]); });
}

template <typename CellRule>
void VoxelOperator::setCellTerm(CellRule&& rule) {
  const Box& b = box_;
  forSlabs(b.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < b.my(); ++y)
      for (std::size_t x = 0; x < b.mx(); ++x)
        cell_[b.at(long(z), long(y), long(x))] = rule(b.start[0] + z, b.start[1] + y, b.start[2] + x);
  });
}

}  // namespace ssb::numerics
