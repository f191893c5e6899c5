#include "numerics/VoxelOperator.hpp"

#include <algorithm>
#include <type_traits>
#include <vector>

namespace ssb::numerics {

VoxelOperator::VoxelOperator(const Box& box, const BoundaryConditions& conditions, bool cellTerm, bool exact)
    : box_(box), conditions_(conditions) {
  conditions_.check();
  // Uninitialised: setFaces (or coarsened) writes every position, in parallel.
  for (auto& f : faces_) f.resize(box.size());
  if (exact)
    for (auto& f : exact_) f.resize(box.size());
  if (cellTerm) cell_ = makeField<float>(box);
}

namespace {

// The cells of a local row (z, y) of box b, as pointers at its first cell
// into the operator's arrays and a vector, with the ghosted strides; G the
// precision of the faces read (the stored single-precision faces, or the
// exact ones).
template <typename G>
struct RowView {
  const G *gx, *gy, *gz;
  const float *cell, *inv;
  std::size_t sy, sz;
};

RowView<float> rowView(const VoxelOperator& A, std::size_t i0) {
  const Box& b = A.box();
  return {A.faces(2) + i0, A.faces(1) + i0, A.faces(0) + i0,
          A.hasCellTerm() ? A.cellTerm() + i0 : nullptr, A.inverseDiagonal() + i0, b.sy(), b.sz()};
}

RowView<double> exactRowView(const VoxelOperator& A, std::size_t i0) {
  const Box& b = A.box();
  return {A.exactFaces(2) + i0, A.exactFaces(1) + i0, A.exactFaces(0) + i0,
          A.hasCellTerm() ? A.cellTerm() + i0 : nullptr, A.inverseDiagonal() + i0, b.sy(), b.sz()};
}

// (A in) at cell k of a row; c points at the row's first cell of `in`.
template <bool HasCell, typename G, typename T>
inline double applyAt(const RowView<G>& r, const T* c, std::size_t k) {
  const std::ptrdiff_t sy = std::ptrdiff_t(r.sy), sz = std::ptrdiff_t(r.sz), i = std::ptrdiff_t(k);
  const double gxp = r.gx[i], gxm = r.gx[i - 1], gyp = r.gy[i], gym = r.gy[i - sy], gzp = r.gz[i], gzm = r.gz[i - sz];
  double d = gxp + gxm + gyp + gym + gzp + gzm;
  if (HasCell) d += r.cell[i];
  return d * c[i] - gxp * c[i + 1] - gxm * c[i - 1] - gyp * c[i + sy] - gym * c[i - sy] - gzp * c[i + sz] -
         gzm * c[i - sz];
}

template <bool HasCell, bool WithDot, typename G, typename T>
double applyRow(const RowView<G>& r, const T* in, T* out, std::size_t n) {
  double dot = 0;
  for (std::size_t k = 0; k < n; ++k) {
    out[k] = T(applyAt<HasCell>(r, in, k));
    if (WithDot) dot += double(in[k]) * double(out[k]);
  }
  return dot;
}

template <bool HasCell, bool WithDot, typename T>
double applySlab(const VoxelOperator& A, const T* in, T* out, std::size_t z) {
  const Box& b = A.box();
  // Vectors in double read the exact faces where the operator keeps them.
  const bool exact = std::is_same_v<T, double> && A.exact();
  double dot = 0;
  for (std::size_t y = 0; y < b.my(); ++y) {
    const std::size_t i0 = b.row(z, y);
    dot += exact ? applyRow<HasCell, WithDot>(exactRowView(A, i0), in + i0, out + i0, b.mx())
                 : applyRow<HasCell, WithDot>(rowView(A, i0), in + i0, out + i0, b.mx());
  }
  return dot;
}

}  // namespace

template <typename T>
double apply(const VoxelOperator& A, const T* in, T* out, bool withDot) {
  const std::size_t nz = A.box().mz();
  const bool cell = A.hasCellTerm();
  if (withDot)
    return sumSlabs(nz, [&](std::size_t z) {
      return cell ? applySlab<true, true>(A, in, out, z) : applySlab<false, true>(A, in, out, z);
    });
  forSlabs(nz, [&](std::size_t z) {
    if (cell) applySlab<true, false>(A, in, out, z);
    else applySlab<false, false>(A, in, out, z);
  });
  return 0.0;
}

template <typename T>
void gaussSeidelSlab(const VoxelOperator& A, const T* b, T* x, int colour, std::size_t z) {
  const Box& bx = A.box();
  const std::ptrdiff_t sy = std::ptrdiff_t(bx.sy()), sz = std::ptrdiff_t(bx.sz());
  const float *gx = A.faces(2), *gy = A.faces(1), *gz = A.faces(0), *inv = A.inverseDiagonal();
  for (std::size_t y = 0; y < bx.my(); ++y) {
    const std::size_t i0 = bx.row(z, y);
    const std::size_t parity = (bx.start[0] + z + bx.start[1] + y + bx.start[2]) & 1;
    for (std::size_t k = (std::size_t(colour) + parity) & 1; k < bx.mx(); k += 2) {
      const std::ptrdiff_t i = std::ptrdiff_t(i0 + k);
      const double s = double(b[i]) + double(gx[i]) * x[i + 1] + double(gx[i - 1]) * x[i - 1] +
                       double(gy[i]) * x[i + sy] + double(gy[i - sy]) * x[i - sy] + double(gz[i]) * x[i + sz] +
                       double(gz[i - sz]) * x[i - sz];
      x[i] = T(inv[i] * s);
    }
  }
}

template <typename T>
void restrictResidual(const VoxelOperator& fine, const T* b, const T* x, const VoxelOperator& coarse, T* coarseB) {
  const Box &F = fine.box(), &C = coarse.box();
  const bool cell = fine.hasCellTerm();
  forSlabs(C.mz(), [&](std::size_t Z) {
    std::vector<T> ax(F.mx());
    for (std::size_t Y = 0; Y < C.my(); ++Y) std::fill_n(coarseB + C.row(Z, Y), C.mx(), T(0));
    for (std::size_t z = 2 * Z; z < std::min(F.mz(), 2 * Z + 2); ++z)
      for (std::size_t y = 0; y < F.my(); ++y) {
        const std::size_t i0 = F.row(z, y);
        const RowView<float> r = rowView(fine, i0);
        if (cell) applyRow<true, false>(r, x + i0, ax.data(), F.mx());
        else applyRow<false, false>(r, x + i0, ax.data(), F.mx());
        T* cb = coarseB + C.row(Z, y / 2);
        for (std::size_t k = 0; k < F.mx(); ++k)
          if (r.inv[k] != 0.0f) cb[k / 2] += b[i0 + k] - ax[k];
      }
  });
}

template <typename T>
void prolongAdd(const VoxelOperator& fine, const VoxelOperator& coarse, const T* coarseX, T* x) {
  const Box &F = fine.box(), &C = coarse.box();
  const float* inv = fine.inverseDiagonal();
  forSlabs(F.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < F.my(); ++y) {
      const std::size_t i0 = F.row(z, y);
      const T* cx = coarseX + C.row(z / 2, y / 2);
      for (std::size_t k = 0; k < F.mx(); ++k)
        if (inv[i0 + k] != 0.0f) x[i0 + k] += cx[k / 2];
    }
  });
}

void VoxelOperator::finish() {
  const Box& b = box_;
  invDiag_.resize(b.size());
  const std::ptrdiff_t sy = std::ptrdiff_t(b.sy()), sz = std::ptrdiff_t(b.sz());
  const bool cell = hasCellTerm();
  forSlabs(b.mz() + 2, [&](std::size_t zz) {
    const long z = long(zz) - 1;
    for (long y = -1; y <= long(b.my()); ++y)
      for (long x = -1; x <= long(b.mx()); ++x) {
        const std::ptrdiff_t i = std::ptrdiff_t(b.at(z, y, x));
        const bool owned = z >= 0 && y >= 0 && x >= 0 && z < long(b.mz()) && y < long(b.my()) && x < long(b.mx());
        if (!owned) { invDiag_[std::size_t(i)] = 0.0f; continue; }
        const float *gx = faces_[2].data(), *gy = faces_[1].data(), *gz = faces_[0].data();
        double d = double(gx[i]) + gx[i - 1] + gy[i] + gy[i - sy] + gz[i] + gz[i - sz];
        if (cell) d += cell_[std::size_t(i)];
        invDiag_[std::size_t(i)] = d != 0.0 ? float(1.0 / d) : 0.0f;
      }
  });
}

VoxelOperator VoxelOperator::coarsened(const Box& coarse) const {
  VoxelOperator c(coarse, conditions_, false);
  if (hasCellTerm()) c.cell_ = makeField<float>(coarse);
  const Box& F = box_;
  const std::array<long, 3> fm{long(F.mz()), long(F.my()), long(F.mx())};
  // The children of coarse local coordinate K along an axis (fine local
  // coordinates, at most two, the ghost -1 for K = -1) and the top one,
  // whose + faces leave the coarse cell.
  auto children = [&](int a, long K) {
    const long lo = std::max(2 * K, -1L), hi = std::min(2 * K + 1, fm[std::size_t(a)] - 1);
    return std::pair<long, long>(lo, hi);
  };
  const std::array<bool, 3> noFaces{false, periodic(1) && coarse.global.ny == 1, periodic(2) && coarse.global.nx == 1};
  constexpr double kScale = 0.5;
  forSlabs(coarse.mz() + 2, [&](std::size_t zz) {
    const long Z = long(zz) - 1;
    for (long Y = -1; Y <= long(coarse.my()); ++Y)
      for (long X = -1; X <= long(coarse.mx()); ++X) {
        const std::size_t I = coarse.at(Z, Y, X);
        const bool inZ = Z >= 0 && Z < long(coarse.mz()), inY = Y >= 0 && Y < long(coarse.my()),
                   inX = X >= 0 && X < long(coarse.mx());
        const auto [z0, z1] = children(0, Z);
        const auto [y0, y1] = children(1, Y);
        const auto [x0, x1] = children(2, X);
        double sx = 0, sy = 0, sz = 0;
        if (inZ && inY && (inX || X == -1) && !noFaces[2])
          for (long z = z0; z <= z1; ++z)
            for (long y = y0; y <= y1; ++y) sx += faces_[2][F.at(z, y, x1)];
        if (inZ && inX && (inY || Y == -1) && !noFaces[1])
          for (long z = z0; z <= z1; ++z)
            for (long x = x0; x <= x1; ++x) sy += faces_[1][F.at(z, y1, x)];
        if (inY && inX && (inZ || Z == -1))
          for (long y = y0; y <= y1; ++y)
            for (long x = x0; x <= x1; ++x) sz += faces_[0][F.at(z1, y, x)];
        c.faces_[2][I] = float(kScale * sx);
        c.faces_[1][I] = float(kScale * sy);
        c.faces_[0][I] = float(kScale * sz);
        if (hasCellTerm() && inZ && inY && inX) {
          double s = 0;
          for (long z = z0; z <= z1; ++z)
            for (long y = y0; y <= y1; ++y)
              for (long x = x0; x <= x1; ++x) s += cell_[F.at(z, y, x)];
          c.cell_[I] = float(s);
        }
      }
  });
  c.finish();
  return c;
}

namespace {

// Calls f(cell index, face conductance) for the owned cells of box b on
// side (axis, end) of the level, if the box lies on it.
template <typename F>
void forSideCells(const VoxelOperator& A, int axis, int end, F&& f) {
  const Box& b = A.box();
  const std::size_t a = std::size_t(axis);
  if (end == 0 ? b.start[a] != 0 : b.start[a] + b.count[a] != b.global.along(axis)) return;
  const std::ptrdiff_t stride = axis == 0 ? std::ptrdiff_t(b.sz()) : axis == 1 ? std::ptrdiff_t(b.sy()) : 1;
  std::array<long, 3> lo{0, 0, 0}, hi{long(b.mz()), long(b.my()), long(b.mx())};
  lo[a] = end == 0 ? 0 : long(b.count[a]) - 1;
  hi[a] = lo[a] + 1;
  const float* g = A.faces(axis);
  for (long z = lo[0]; z < hi[0]; ++z)
    for (long y = lo[1]; y < hi[1]; ++y)
      for (long x = lo[2]; x < hi[2]; ++x) {
        const std::ptrdiff_t i = std::ptrdiff_t(b.at(z, y, x));
        f(std::size_t(i), double(g[end == 0 ? i - stride : i]));
      }
}

}  // namespace

void addDirichlet(const VoxelOperator& A, int axis, int end, double value, double* b) {
  forSideCells(A, axis, end, [&](std::size_t i, double g) { b[i] += g * value; });
}

void addNeumann(const VoxelOperator& A, int axis, int end, double inflow, double* b) {
  forSideCells(A, axis, end, [&](std::size_t i, double) {
    if (A.active(i)) b[i] += inflow;
  });
}

double dirichletInflow(const VoxelOperator& A, int axis, int end, double value, const double* x) {
  double flow = 0;
  forSideCells(A, axis, end, [&](std::size_t i, double g) { flow += g * (value - x[i]); });
  return flow;
}

#define SSB_INSTANTIATE(T)                                                                               \
  template double apply<T>(const VoxelOperator&, const T*, T*, bool);                                   \
  template void gaussSeidelSlab<T>(const VoxelOperator&, const T*, T*, int, std::size_t);               \
  template void restrictResidual<T>(const VoxelOperator&, const T*, const T*, const VoxelOperator&, T*); \
  template void prolongAdd<T>(const VoxelOperator&, const VoxelOperator&, const T*, T*);
SSB_INSTANTIATE(float)
SSB_INSTANTIATE(double)
#undef SSB_INSTANTIATE

}  // namespace ssb::numerics
