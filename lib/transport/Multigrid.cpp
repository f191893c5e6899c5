#include "transport/Multigrid.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace ssb::transport {

namespace {

template <typename T>
using Big = core::BigVector<T>;

struct Level {
  std::size_t nz = 0, ny = 0, nx = 0;
  bool periodic = true;
  // Face conductances: the problem's own arrays on the fine level (no copy),
  // this level's storage on coarse levels.
  Big<float> gxStore, gyStore, gzStore;
  const float *gxp = nullptr, *gyp = nullptr, *gzp = nullptr;
  std::vector<float> gIn, gOut;
  // 1 / the diagonal, 0 outside the solve (which marks those cells). The
  // diagonal itself is summed from the conductances where the operator is
  // applied: it would cost as many bytes to load as to sum.
  Big<float> invDiag;
  // Work vectors of the multigrid cycle, in single precision: the
  // preconditioner needs no more, and half the bytes make it faster.
  Big<float> x, b, r, t;
  Big<float> x2, b2;         // for the second coarse cycle of a W-cycle
  std::size_t size() const { return nz * ny * nx; }
};

// Runs f(z) for every slab z in parallel.
template <typename F>
void forSlabs(std::size_t nz, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nz), [&](const auto& r) {
    for (std::size_t z = r.begin(); z != r.end(); ++z) f(z);
  });
}

// Sum of per-slab partial sums, in slab order (thread-count independent).
template <typename F>
double sumSlabs(std::size_t nz, F&& partial) {
  std::vector<double> part(nz, 0.0);
  forSlabs(nz, [&](std::size_t z) { part[z] = partial(z); });
  double s = 0;
  for (double v : part) s += v;
  return s;
}

void computeDiag(Level& L) {
  L.invDiag.resize(L.size());  // every cell written below (first touch in parallel)
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  forSlabs(L.nz, [&](std::size_t z) {
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = z * slice + y * nx + x;
        double d = double(L.gxp[i]) + L.gyp[i] + L.gzp[i];
        d += x > 0 ? L.gxp[i - 1] : (L.periodic && nx > 1 ? L.gxp[i + nx - 1] : 0.0f);
        d += y > 0 ? L.gyp[i - nx] : (L.periodic && ny > 1 ? L.gyp[i + (ny - 1) * nx] : 0.0f);
        if (z > 0) d += L.gzp[i - slice];
        if (z == 0) d += L.gIn[y * nx + x];
        if (z + 1 == L.nz) d += L.gOut[y * nx + x];
        L.invDiag[i] = d != 0.0 ? float(1.0 / d) : 0.0f;
      }
  });
}

// The 7-point operator on one row (z, y): out = A in (+ the fused update
// below). Cells outside the solve have zero conductances, so they give 0
// without a branch; faces that do not exist (open sides) have zero
// conductance, so the wrapped neighbour they point to never counts. On the
// first and last slab the inlet and outlet conductances take the place of
// the missing z faces in the diagonal.
template <typename T>
struct Rows {
  const T *c, *ym, *yp, *zm, *zp;
  const float *gx, *gy, *gyM, *gz, *gzM;
  const float *gIn, *gOut;  // the row's inlet / outlet conductances (first / last slab)
};

template <typename T>
inline Rows<T> rows(const Level& L, const T* in, std::size_t z, std::size_t y) {
  const std::size_t nx = L.nx, ny = L.ny, slice = ny * nx, i = z * slice + y * nx;
  const std::size_t iym = y > 0 ? i - nx : i + (ny - 1) * nx, iyp = y + 1 < ny ? i + nx : i - (ny - 1) * nx;
  Rows<T> r;
  r.c = in + i;
  r.ym = in + iym;
  r.yp = in + iyp;
  r.zm = z > 0 ? in + i - slice : nullptr;
  r.zp = z + 1 < L.nz ? in + i + slice : nullptr;
  r.gx = L.gxp + i;
  r.gy = L.gyp + i;
  r.gyM = L.gyp + iym;
  r.gz = L.gzp + i;
  r.gzM = z > 0 ? L.gzp + i - slice : nullptr;
  r.gIn = L.gIn.data() + y * nx;
  r.gOut = L.gOut.data() + y * nx;
  return r;
}

// A in at x of a row, for the interior x in [1, nx-2] and the two ends.
template <bool HasZm, bool HasZp, typename T>
inline T cellApply(const Rows<T>& r, std::size_t x, std::size_t xm, std::size_t xp) {
  const double gxp = r.gx[x], gxm = r.gx[xm], gyp = r.gy[x], gym = r.gyM[x];
  double d = gxp + gxm + gyp + gym;
  double s = -gxp * r.c[xp] - gxm * r.c[xm] - gyp * r.yp[x] - gym * r.ym[x];
  if (HasZp) { d += r.gz[x]; s -= double(r.gz[x]) * r.zp[x]; }
  else d += r.gOut[x];
  if (HasZm) { d += r.gzM[x]; s -= double(r.gzM[x]) * r.zm[x]; }
  else d += r.gIn[x];
  return T(d * r.c[x] + s);
}

template <bool HasZm, bool HasZp, typename T>
inline void rowApply(const Rows<T>& r, std::size_t nx, T* out) {
  if (nx == 1) { out[0] = cellApply<HasZm, HasZp>(r, 0, 0, 0); return; }
  out[0] = cellApply<HasZm, HasZp>(r, 0, nx - 1, 1);
  for (std::size_t x = 1; x + 1 < nx; ++x) out[x] = cellApply<HasZm, HasZp>(r, x, x - 1, x + 1);
  out[nx - 1] = cellApply<HasZm, HasZp>(r, nx - 1, nx - 2, 0);
}

// out = A in on slab z; WithDot: returns in . out over the slab (for CG's
// d.q, saving a pass), else 0.
template <bool WithDot, typename T>
double applySlab(const Level& L, const Big<T>& in, Big<T>& out, std::size_t z) {
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  double dot = 0;
  for (std::size_t y = 0; y < ny; ++y) {
    const Rows<T> r = rows(L, in.data(), z, y);
    T* o = out.data() + z * slice + y * nx;
    const bool zm = z > 0, zp = z + 1 < L.nz;
    if (zm && zp) rowApply<true, true>(r, nx, o);
    else if (zm) rowApply<true, false>(r, nx, o);
    else if (zp) rowApply<false, true>(r, nx, o);
    else rowApply<false, false>(r, nx, o);
    if (WithDot)
      for (std::size_t x = 0; x < nx; ++x) dot += double(r.c[x]) * double(o[x]);
  }
  return dot;
}

// out = A in.
template <typename T>
void apply(const Level& L, const Big<T>& in, Big<T>& out) {
  forSlabs(L.nz, [&](std::size_t z) { applySlab<false>(L, in, out, z); });
}

// One damped Jacobi sweep: out = x + w D^-1 (b - A x), in one pass.
template <typename T>
void jacobiSweep(const Level& L, const Big<T>& b, const Big<T>& x, Big<T>& out, double w) {
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  forSlabs(L.nz, [&](std::size_t z) {
    std::vector<T> ax(nx);
    for (std::size_t y = 0; y < ny; ++y) {
      const Rows<T> r = rows(L, x.data(), z, y);
      const bool zm = z > 0, zp = z + 1 < L.nz;
      if (zm && zp) rowApply<true, true>(r, nx, ax.data());
      else if (zm) rowApply<true, false>(r, nx, ax.data());
      else if (zp) rowApply<false, true>(r, nx, ax.data());
      else rowApply<false, false>(r, nx, ax.data());
      const std::size_t i0 = z * slice + y * nx;
      const float* inv = L.invDiag.data() + i0;
      for (std::size_t k = 0; k < nx; ++k) out[i0 + k] = T(x[i0 + k] + w * inv[k] * (b[i0 + k] - ax[k]));
    }
  });
}

// The next coarser level: 2 x 2 x 2 cells joined (sizes rounded up), each
// coarse face taking half the sum of the fine conductances across it, the
// rediscretised operator of averaged conductances. (PetscMultigrid.cpp
// computes the same in closed form for a process's share.)
std::unique_ptr<Level> coarsen(const Level& f) {
  constexpr float kScale = 0.5f;
  auto c = std::make_unique<Level>();
  c->nz = (f.nz + 1) / 2;
  c->ny = (f.ny + 1) / 2;
  c->nx = (f.nx + 1) / 2;
  c->periodic = f.periodic;
  c->gxStore.assign(c->size(), 0.0f);
  c->gyStore.assign(c->size(), 0.0f);
  c->gzStore.assign(c->size(), 0.0f);
  c->gIn.assign(c->ny * c->nx, 0.0f);
  c->gOut.assign(c->ny * c->nx, 0.0f);
  const std::size_t fs = f.ny * f.nx, cs = c->ny * c->nx;
  // Serial over fine cells per coarse slab pair: each coarse slab is written
  // by one task only.
  forSlabs(c->nz, [&](std::size_t Z) {
    for (std::size_t z = 2 * Z; z < std::min(f.nz, 2 * Z + 2); ++z)
      for (std::size_t y = 0; y < f.ny; ++y)
        for (std::size_t x = 0; x < f.nx; ++x) {
          const std::size_t i = z * fs + y * f.nx + x;
          const std::size_t I = Z * cs + (y / 2) * c->nx + x / 2;
          // +x face of fine cell i crosses a coarse face when it leaves the coarse cell.
          const std::size_t xn = x + 1 < f.nx ? x + 1 : 0;
          if (f.gxp[i] != 0.0f && xn / 2 != x / 2) c->gxStore[I] += kScale * f.gxp[i];
          const std::size_t yn = y + 1 < f.ny ? y + 1 : 0;
          if (f.gyp[i] != 0.0f && yn / 2 != y / 2) c->gyStore[I] += kScale * f.gyp[i];
          if (z + 1 < f.nz && f.gzp[i] != 0.0f && (z + 1) / 2 != Z) c->gzStore[I] += kScale * f.gzp[i];
          if (z == 0) c->gIn[(y / 2) * c->nx + x / 2] += kScale * f.gIn[y * f.nx + x];
          if (z + 1 == f.nz) c->gOut[(y / 2) * c->nx + x / 2] += kScale * f.gOut[y * f.nx + x];
        }
  });
  c->gxp = c->gxStore.data();
  c->gyp = c->gyStore.data();
  c->gzp = c->gzStore.data();
  computeDiag(*c);
  const std::size_t n = c->size();
  c->x.assign(n, 0.0f);
  c->b.assign(n, 0.0f);
  c->r.assign(n, 0.0f);
  c->t.assign(n, 0.0f);
  c->x2.assign(n, 0.0f);
  c->b2.assign(n, 0.0f);
  return c;
}

// One Gauss-Seidel half sweep over the cells of one colour ((x + y + z) % 2
// == colour), in place. Same-colour neighbours meet only across an odd
// periodic wrap, always within one row or slab handled by one task, so the
// result does not depend on the thread count.
// The cells of one row from `start` in steps of 2: the two row ends (which
// may wrap) apart, the interior without a branch.
template <bool HasZm, bool HasZp, typename T>
inline void gaussSeidelRow(const Rows<T>& r, const float* inv, const T* b, T* x, std::size_t nx,
                           std::size_t start) {
  auto update = [&](std::size_t k, std::size_t km, std::size_t kp) {
    double s = double(b[k]) + double(r.gx[k]) * r.c[kp] + double(r.gx[km]) * r.c[km] +
               double(r.gy[k]) * r.yp[k] + double(r.gyM[k]) * r.ym[k];
    if (HasZp) s += double(r.gz[k]) * r.zp[k];
    if (HasZm) s += double(r.gzM[k]) * r.zm[k];
    x[k] = T(inv[k] * s);
  };
  std::size_t k = start;
  if (nx == 1) { if (k == 0) update(0, 0, 0); return; }
  if (k == 0) { update(0, nx - 1, 1); k = 2; }
  for (; k + 1 < nx; k += 2) update(k, k - 1, k + 1);
  if (k == nx - 1) update(k, k - 1, 0);
}

template <typename T>
void gaussSeidelSlab(const Level& L, const Big<T>& b, Big<T>& x, int colour, std::size_t z) {
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  for (std::size_t y = 0; y < ny; ++y) {
    const Rows<T> r = rows(L, x.data(), z, y);
    const std::size_t i0 = z * slice + y * nx, start = std::size_t((colour + int(y + z)) & 1);
    const float* inv = L.invDiag.data() + i0;
    const bool zm = z > 0, zp = z + 1 < L.nz;
    if (zm && zp) gaussSeidelRow<true, true>(r, inv, b.data() + i0, x.data() + i0, nx, start);
    else if (zm) gaussSeidelRow<true, false>(r, inv, b.data() + i0, x.data() + i0, nx, start);
    else if (zp) gaussSeidelRow<false, true>(r, inv, b.data() + i0, x.data() + i0, nx, start);
    else gaussSeidelRow<false, false>(r, inv, b.data() + i0, x.data() + i0, nx, start);
  }
}

// One symmetric pair of half sweeps, colour `first` then the other, fused
// into one pass over the grid: the second colour on slab z - 1 follows the
// first colour on slab z, when all its first-colour neighbours are new.
// Each task takes a run of slabs; the second colour on a run's two end
// slabs, whose neighbours belong to other tasks, waits for a second, short
// phase. Every update reads the same values as in two separate passes, so
// the result is the same and independent of the thread count; the memory
// traffic, which bounds the smoother, halves.
template <typename T>
void gaussSeidelPair(const Level& L, const Big<T>& b, Big<T>& x, int first) {
  const int second = 1 - first;
  const std::size_t nz = L.nz, runs = std::clamp<std::size_t>(nz / 16, 1, 32);
  auto runStart = [&](std::size_t r) { return r * nz / runs; };
  tbb::parallel_for(std::size_t(0), runs, [&](std::size_t r) {
    const std::size_t z0 = runStart(r), z1 = runStart(r + 1);
    for (std::size_t z = z0; z < z1; ++z) {
      gaussSeidelSlab(L, b, x, first, z);
      if (z >= z0 + 2) gaussSeidelSlab(L, b, x, second, z - 1);
    }
  });
  tbb::parallel_for(std::size_t(0), runs, [&](std::size_t r) {
    const std::size_t z0 = runStart(r), z1 = runStart(r + 1);
    if (z1 > z0) gaussSeidelSlab(L, b, x, second, z0);
    if (z1 > z0 + 1) gaussSeidelSlab(L, b, x, second, z1 - 1);
  });
}

// Smoothing: symmetric red-black Gauss-Seidel (red then black before the
// coarse correction, black then red after), or damped Jacobi sweeps.
template <typename T>
void smooth(const Level& L, const Big<T>& b, Big<T>& x, Big<T>& t, int sweeps, double w,
            bool pre, bool gaussSeidel) {
  if (pre) {
    const std::size_t slice = L.ny * L.nx;
    forSlabs(L.nz, [&](std::size_t z) { std::fill(x.begin() + std::ptrdiff_t(z * slice), x.begin() + std::ptrdiff_t((z + 1) * slice), T(0)); });
  }
  if (gaussSeidel) {
    for (int s = 0; s < sweeps; ++s) gaussSeidelPair(L, b, x, pre ? 0 : 1);
    return;
  }
  for (int s = 0; s < sweeps; ++s) {
    jacobiSweep(L, b, x, t, w);
    x.swap(t);
  }
}

struct Hierarchy {
  std::vector<std::unique_ptr<Level>> levels;  // [0] is the fine level (vectors unused)
  int sweeps = 2;
  double w = 0.8;
  bool gaussSeidel = true;
  int cycles = 1;  // 1: V-cycle, 2: W-cycle

  // x = M^-1 b on level k; t is scratch of the level's size.
  void vcycle(std::size_t k, const Big<float>& b, Big<float>& x, Big<float>& t) {
    const Level& L = *levels[k];
    if (k + 1 == levels.size()) {  // coarsest: many sweeps (a fixed, symmetric polynomial)
      smooth(L, b, x, t, 30, w, true, gaussSeidel);
      smooth(L, b, x, t, 30, w, false, gaussSeidel);
      return;
    }
    smooth(L, b, x, t, sweeps, w, true, gaussSeidel);
    Level& C = *levels[k + 1];
    const std::size_t fs = L.ny * L.nx, cs = C.ny * C.nx;
    // Restriction of the residual b - A x, summed over each coarse cell, in
    // one pass (the residual itself is never stored).
    forSlabs(C.nz, [&](std::size_t Z) {
      std::fill(C.b.begin() + std::ptrdiff_t(Z * cs), C.b.begin() + std::ptrdiff_t((Z + 1) * cs), 0.0f);
      std::vector<float> ax(L.nx);
      for (std::size_t z = 2 * Z; z < std::min(L.nz, 2 * Z + 2); ++z)
        for (std::size_t y = 0; y < L.ny; ++y) {
          const Rows<float> rw = rows(L, x.data(), z, y);
          const bool zm = z > 0, zp = z + 1 < L.nz;
          if (zm && zp) rowApply<true, true>(rw, L.nx, ax.data());
          else if (zm) rowApply<true, false>(rw, L.nx, ax.data());
          else if (zp) rowApply<false, true>(rw, L.nx, ax.data());
          else rowApply<false, false>(rw, L.nx, ax.data());
          const std::size_t i0 = z * fs + y * L.nx;
          float* cb = C.b.data() + Z * cs + (y / 2) * C.nx;
          for (std::size_t x2 = 0; x2 < L.nx; ++x2)
            if (L.invDiag[i0 + x2] != 0.0f) cb[x2 / 2] += b[i0 + x2] - ax[x2];
        }
    });
    vcycle(k + 1, C.b, C.x, C.t);
    for (int g = 1; g < cycles && k + 2 < levels.size(); ++g) {  // W-cycle: correct the coarse solution again
      apply(C, C.x, C.r);
      for (std::size_t i = 0; i < C.b.size(); ++i) C.b2[i] = C.b[i] - C.r[i];
      vcycle(k + 1, C.b2, C.x2, C.t);
      for (std::size_t i = 0; i < C.x.size(); ++i) C.x[i] += C.x2[i];
    }
    forSlabs(L.nz, [&](std::size_t z) {  // prolongation: piecewise constant
      for (std::size_t y = 0; y < L.ny; ++y)
        for (std::size_t x2 = 0; x2 < L.nx; ++x2) {
          const std::size_t i = z * fs + y * L.nx + x2;
          if (L.invDiag[i] != 0.0f) x[i] += C.x[(z / 2) * cs + (y / 2) * C.nx + x2 / 2];
        }
    });
    smooth(L, b, x, t, sweeps, w, false, gaussSeidel);  // post-smoothing: the mirror image (symmetric)
  }
};

double dot(std::size_t nz, std::size_t slice, const Big<double>& a, const Big<double>& b) {
  return sumSlabs(nz, [&](std::size_t z) {
    double s = 0;
    for (std::size_t i = z * slice; i < (z + 1) * slice; ++i) s += a[i] * b[i];
    return s;
  });
}

}  // namespace

Solution solveConduction(const ConductionProblem& p, const SolveOptions& o, double inlet_V) {
  auto fine = std::make_unique<Level>();
  fine->nz = p.shape.nz;
  fine->ny = p.shape.ny;
  fine->nx = p.shape.nx;
  fine->periodic = p.periodicSides;
  fine->gxp = p.gx.data();
  fine->gyp = p.gy.data();
  fine->gzp = p.gz.data();
  fine->gIn = p.gIn;
  fine->gOut = p.gOut;
  computeDiag(*fine);
  const std::size_t n = fine->size(), slice = fine->ny * fine->nx, nz = fine->nz;

  Hierarchy mg;
  mg.sweeps = o.smoothingSweeps;
  mg.w = o.jacobiWeight;
  mg.gaussSeidel = o.smoother == Smoother::GaussSeidel;
  mg.cycles = o.coarseCycles;
  mg.levels.push_back(std::move(fine));
  if (o.multigrid)
    while (mg.levels.back()->size() > 512 && mg.levels.back()->nz > 2)
      mg.levels.push_back(coarsen(*mg.levels.back()));
  const Level& L = *mg.levels[0];

  Solution s;
  s.levels = int(mg.levels.size());
  // b is the inlet's Dirichlet term, non-zero on the first slab only, so it
  // is never stored; M^-1 r stays in single precision (zf): fewer bytes to
  // touch, which bound the solve.
  Big<double> r(n), q(n), x(n), d(n);  // not zeroed: each is first written in a parallel loop
  Big<float> rf(o.multigrid ? n : 0), zf(rf.size());
  Big<float> work(o.multigrid && o.smoother == Smoother::Jacobi ? n : 0);
  auto inlet = [&](std::size_t i) { return i < slice ? double(p.gIn[i]) * inlet_V : 0.0; };
  double bb = 0;
  for (std::size_t k = 0; k < slice; ++k) bb += inlet(k) * inlet(k);
  const double bnorm = std::sqrt(bb);
  if (bnorm == 0.0) { s.converged = true; return s; }
  // Start from the potential of a full block, falling linearly from the
  // inlet to the outlet: exact away from phase boundaries, so CG starts
  // with a residual far below ||b||.
  forSlabs(nz, [&](std::size_t zz) {
    const double v = inlet_V * (1.0 - (double(zz) + 0.5) / double(nz));
    for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) x[i] = L.invDiag[i] != 0.0f ? v : 0.0;
  });
  apply(L, x, q);
  forSlabs(nz, [&](std::size_t zz) {
    for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) r[i] = inlet(i) - q[i];
  });
  // CG with the vector updates fused into as few passes over the grid as
  // possible: the residual norm and the single-precision copy of r come with
  // the update of x and r, the product r.z with the preconditioner.
  double rr = dot(nz, slice, r, r);
  // z = M^-1 r into d's update below; returns r.z. Without multigrid
  // (Jacobi-CG) z = D^-1 r is formed on the fly.
  auto zAt = [&](std::size_t i) { return o.multigrid ? double(zf[i]) : r[i] * double(L.invDiag[i]); };
  auto preconditionDot = [&]() {
    if (o.multigrid) mg.vcycle(0, rf, zf, work);
    return sumSlabs(nz, [&](std::size_t zz) {
      double acc = 0;
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) acc += r[i] * zAt(i);
      return acc;
    });
  };
  if (o.multigrid)
    forSlabs(nz, [&](std::size_t zz) {
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) rf[i] = float(r[i]);
    });
  double rz = preconditionDot();
  forSlabs(nz, [&](std::size_t zz) {
    for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) d[i] = zAt(i);
  });
  for (s.iterations = 0; s.iterations < o.maxIterations; ++s.iterations) {
    s.relativeResidual = std::sqrt(rr) / bnorm;
    if (s.relativeResidual <= o.relativeTolerance) { s.converged = true; break; }
    // q = A d and d.q in one pass.
    const double alpha = rz / sumSlabs(nz, [&](std::size_t zz) { return applySlab<true>(L, d, q, zz); });
    const bool toFloat = o.multigrid;
    rr = sumSlabs(nz, [&](std::size_t zz) {
      double acc = 0;
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) {
        x[i] += alpha * d[i];
        r[i] -= alpha * q[i];
        acc += r[i] * r[i];
        if (toFloat) rf[i] = float(r[i]);
      }
      return acc;
    });
    if (std::sqrt(rr) / bnorm <= o.relativeTolerance) continue;  // converged: checked at the loop head
    const double rzNew = preconditionDot();
    const double beta = rzNew / rz;
    rz = rzNew;
    forSlabs(nz, [&](std::size_t zz) {
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) d[i] = zAt(i) + beta * d[i];
    });
  }
  for (std::size_t k = 0; k < slice; ++k) {
    s.inletCurrent_A += double(p.gIn[k]) * (inlet_V - x[k]);
    s.outletCurrent_A += double(p.gOut[k]) * x[(nz - 1) * slice + k];
  }
  s.potential_V = std::move(x);
  return s;
}

}  // namespace ssb::transport
