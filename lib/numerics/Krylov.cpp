#include "numerics/Krylov.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ssb::numerics {

namespace {

// f(i) for the owned cells of local slab z.
template <typename F>
inline void forOwnedOfSlab(const Box& b, std::size_t z, F&& f) {
  for (std::size_t y = 0; y < b.my(); ++y) {
    const std::size_t i0 = b.row(z, y);
    for (std::size_t i = i0; i < i0 + b.mx(); ++i) f(i);
  }
}

template <typename T>
void fillAll(const Box& b, Field<T>& v, T value) {
  forSlabs(b.mz() + 2, [&](std::size_t z) { std::fill(v.begin() + std::ptrdiff_t(z * b.sz()), v.begin() + std::ptrdiff_t((z + 1) * b.sz()), value); });
}

}  // namespace

KrylovResult conjugateGradient(const VoxelOperator& A, const Halo& halo, Multigrid* mg, Field<double>& b,
                               Field<double>& x, const KrylovOptions& o) {
  const Box& B = A.box();
  const std::size_t nz = B.mz();
  const float* inv = A.inverseDiagonal();
  KrylovResult s;
  Field<double>& r = b;
  const double bnorm = std::sqrt(sumSlabs(nz, [&](std::size_t z) {
    double acc = 0;
    forOwnedOfSlab(B, z, [&](std::size_t i) { acc += b[i] * b[i]; });
    return acc;
  }));
  if (bnorm == 0.0) {  // A x = 0: x = 0
    fillAll(B, x, 0.0);
    s.converged = true;
    return s;
  }
  Field<double> q(B.size()), d = makeField<double>(B);  // q: written where read; d: ghosts read
  Field<float> rf(mg ? B.size() : 0), zf(mg ? B.size() : 0);
  halo.exchange(x.data());
  apply(A, x.data(), q.data());
  double rr = sumSlabs(nz, [&](std::size_t z) {
    double acc = 0;
    forOwnedOfSlab(B, z, [&](std::size_t i) {
      r[i] -= q[i];
      acc += r[i] * r[i];
      if (mg) rf[i] = float(r[i]);
    });
    return acc;
  });
  // z = M^-1 r, read where it is used; returns r . z.
  auto zAt = [&](std::size_t i) { return mg ? double(zf[i]) : r[i] * double(inv[i]); };
  auto preconditionDot = [&]() {
    if (mg) mg->apply(rf.data(), zf.data());
    return sumSlabs(nz, [&](std::size_t z) {
      double acc = 0;
      forOwnedOfSlab(B, z, [&](std::size_t i) { acc += r[i] * zAt(i); });
      return acc;
    });
  };
  double rz = preconditionDot();
  forSlabs(nz, [&](std::size_t z) { forOwnedOfSlab(B, z, [&](std::size_t i) { d[i] = zAt(i); }); });
  for (s.iterations = 0; s.iterations < o.maxIterations; ++s.iterations) {
    s.relativeResidual = std::sqrt(rr) / bnorm;
    if (s.relativeResidual <= o.relativeTolerance) { s.converged = true; break; }
    halo.exchange(d.data());
    const double alpha = rz / apply(A, d.data(), q.data(), true);
    rr = sumSlabs(nz, [&](std::size_t z) {
      double acc = 0;
      forOwnedOfSlab(B, z, [&](std::size_t i) {
        x[i] += alpha * d[i];
        r[i] -= alpha * q[i];
        acc += r[i] * r[i];
        if (mg) rf[i] = float(r[i]);
      });
      return acc;
    });
    if (std::sqrt(rr) / bnorm <= o.relativeTolerance) continue;  // converged: reported at the loop head
    const double rzNew = preconditionDot();
    const double beta = rzNew / rz;
    rz = rzNew;
    forSlabs(nz, [&](std::size_t z) { forOwnedOfSlab(B, z, [&](std::size_t i) { d[i] = zAt(i) + beta * d[i]; }); });
  }
  if (!s.converged) s.relativeResidual = std::sqrt(rr) / bnorm;
  halo.exchange(x.data());
  return s;
}

namespace {

double dot(const Box& B, const BlockVector& u, const BlockVector& v) {
  return sumSlabs(B.mz(), [&](std::size_t z) {
    double acc = 0;
    for (std::size_t c = 0; c < u.size(); ++c) forOwnedOfSlab(B, z, [&](std::size_t i) { acc += u[c][i] * v[c][i]; });
    return acc;
  });
}

// y = a x + y over the owned cells.
void axpy(const Box& B, double a, const BlockVector& x, BlockVector& y) {
  forSlabs(B.mz(), [&](std::size_t z) {
    for (std::size_t c = 0; c < x.size(); ++c) forOwnedOfSlab(B, z, [&](std::size_t i) { y[c][i] += a * x[c][i]; });
  });
}

void scale(const Box& B, double a, BlockVector& x) {
  forSlabs(B.mz(), [&](std::size_t z) {
    for (std::size_t c = 0; c < x.size(); ++c) forOwnedOfSlab(B, z, [&](std::size_t i) { x[c][i] *= a; });
  });
}

void exchange(const Halo& halo, BlockVector& v) {
  for (auto& f : v) halo.exchange(f.data());
}

// r = b - A x (x's ghosts filled here).
void residual(const BlockOperator& A, const Halo& halo, const BlockVector& b, BlockVector& x, BlockVector& r) {
  exchange(halo, x);
  A.apply(x, r);
  const Box& B = A.box();
  forSlabs(B.mz(), [&](std::size_t z) {
    for (std::size_t c = 0; c < b.size(); ++c) forOwnedOfSlab(B, z, [&](std::size_t i) { r[c][i] = b[c][i] - r[c][i]; });
  });
}

}  // namespace

KrylovResult gmres(const BlockOperator& A, const Halo& halo, BlockMultigrid& M, const BlockVector& b, BlockVector& x,
                   const KrylovOptions& o) {
  const Box& B = A.box();
  const std::size_t nc = A.components();
  const int m = std::max(1, o.restart);
  KrylovResult s;
  const double bnorm = std::sqrt(dot(B, b, b));
  if (bnorm == 0.0) {
    for (auto& f : x) fillAll(B, f, 0.0);
    s.converged = true;
    return s;
  }
  std::vector<BlockVector> V, Z;  // the Krylov basis, and its preconditioned vectors
  for (int j = 0; j <= m; ++j) V.push_back(makeBlockVector(B, nc));
  for (int j = 0; j < m; ++j) Z.push_back(makeBlockVector(B, nc));
  BlockVector w = makeBlockVector(B, nc);
  std::vector<std::vector<double>> H(std::size_t(m) + 1, std::vector<double>(std::size_t(m), 0.0));
  std::vector<double> cs(std::size_t(m), 0.0), sn(std::size_t(m), 0.0), g(std::size_t(m) + 1, 0.0);
  residual(A, halo, b, x, V[0]);
  double beta = std::sqrt(dot(B, V[0], V[0]));
  s.relativeResidual = beta / bnorm;
  while (s.iterations < o.maxIterations) {
    if (s.relativeResidual <= o.relativeTolerance) { s.converged = true; break; }
    scale(B, 1.0 / beta, V[0]);
    std::fill(g.begin(), g.end(), 0.0);
    g[0] = beta;
    int k = 0;  // columns built in this cycle
    for (int j = 0; j < m && s.iterations < o.maxIterations; ++j) {
      M.apply(V[std::size_t(j)], Z[std::size_t(j)]);
      A.apply(Z[std::size_t(j)], w);  // M.apply leaves Z's ghosts filled
      for (int i = 0; i <= j; ++i) {  // modified Gram-Schmidt
        H[std::size_t(i)][std::size_t(j)] = dot(B, w, V[std::size_t(i)]);
        axpy(B, -H[std::size_t(i)][std::size_t(j)], V[std::size_t(i)], w);
      }
      const double h = std::sqrt(dot(B, w, w));
      H[std::size_t(j) + 1][std::size_t(j)] = h;
      for (int i = 0; i < j; ++i) {  // the rotations so far, on the new column
        const double a = H[std::size_t(i)][std::size_t(j)], c = H[std::size_t(i) + 1][std::size_t(j)];
        H[std::size_t(i)][std::size_t(j)] = cs[std::size_t(i)] * a + sn[std::size_t(i)] * c;
        H[std::size_t(i) + 1][std::size_t(j)] = -sn[std::size_t(i)] * a + cs[std::size_t(i)] * c;
      }
      const double a = H[std::size_t(j)][std::size_t(j)], c = H[std::size_t(j) + 1][std::size_t(j)];
      const double rho = std::hypot(a, c);
      cs[std::size_t(j)] = rho > 0 ? a / rho : 1.0;
      sn[std::size_t(j)] = rho > 0 ? c / rho : 0.0;
      H[std::size_t(j)][std::size_t(j)] = rho;
      H[std::size_t(j) + 1][std::size_t(j)] = 0.0;
      g[std::size_t(j) + 1] = -sn[std::size_t(j)] * g[std::size_t(j)];
      g[std::size_t(j)] = cs[std::size_t(j)] * g[std::size_t(j)];
      ++s.iterations;
      k = j + 1;
      s.relativeResidual = std::abs(g[std::size_t(j) + 1]) / bnorm;
      if (s.relativeResidual <= o.relativeTolerance || h == 0.0) break;
      std::swap(w, V[std::size_t(j) + 1]);
      scale(B, 1.0 / h, V[std::size_t(j) + 1]);
    }
    // y from the triangular system, then x += Z y.
    std::vector<double> y(std::size_t(k), 0.0);
    for (int i = k - 1; i >= 0; --i) {
      double acc = g[std::size_t(i)];
      for (int l = i + 1; l < k; ++l) acc -= H[std::size_t(i)][std::size_t(l)] * y[std::size_t(l)];
      y[std::size_t(i)] = H[std::size_t(i)][std::size_t(i)] != 0.0 ? acc / H[std::size_t(i)][std::size_t(i)] : 0.0;
    }
    for (int i = 0; i < k; ++i) axpy(B, y[std::size_t(i)], Z[std::size_t(i)], x);
    residual(A, halo, b, x, V[0]);  // the true residual, for the test and the restart
    beta = std::sqrt(dot(B, V[0], V[0]));
    s.relativeResidual = beta / bnorm;
    if (beta == 0.0) { s.converged = true; break; }
  }
  if (s.relativeResidual <= o.relativeTolerance) s.converged = true;
  exchange(halo, x);
  return s;
}

}  // namespace ssb::numerics
