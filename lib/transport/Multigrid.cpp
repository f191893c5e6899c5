#include "transport/Multigrid.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <memory>

namespace ssb::transport {

namespace {

struct Level {
  std::size_t nz = 0, ny = 0, nx = 0;
  bool periodic = true;
  std::vector<float> gx, gy, gz, gIn, gOut;
  std::vector<double> diag;
  std::vector<double> x, b, r;  // work vectors of coarse levels
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
  L.diag.assign(L.size(), 0.0);
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  forSlabs(L.nz, [&](std::size_t z) {
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = z * slice + y * nx + x;
        double d = double(L.gx[i]) + L.gy[i] + L.gz[i];
        d += x > 0 ? L.gx[i - 1] : (L.periodic && nx > 1 ? L.gx[i + nx - 1] : 0.0f);
        d += y > 0 ? L.gy[i - nx] : (L.periodic && ny > 1 ? L.gy[i + (ny - 1) * nx] : 0.0f);
        if (z > 0) d += L.gz[i - slice];
        if (z == 0) d += L.gIn[y * nx + x];
        if (z + 1 == L.nz) d += L.gOut[y * nx + x];
        L.diag[i] = d;
      }
  });
}

// out = A in (cells without conductance give 0).
void apply(const Level& L, const std::vector<double>& in, std::vector<double>& out) {
  const std::size_t ny = L.ny, nx = L.nx, slice = ny * nx;
  forSlabs(L.nz, [&](std::size_t z) {
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = z * slice + y * nx + x;
        if (L.diag[i] == 0.0) { out[i] = 0.0; continue; }
        double s = L.diag[i] * in[i];
        s -= double(L.gx[i]) * in[x + 1 < nx ? i + 1 : i + 1 - nx];
        if (x > 0) s -= double(L.gx[i - 1]) * in[i - 1];
        else if (L.periodic && nx > 1) s -= double(L.gx[i + nx - 1]) * in[i + nx - 1];
        s -= double(L.gy[i]) * in[y + 1 < ny ? i + nx : i - (ny - 1) * nx];
        if (y > 0) s -= double(L.gy[i - nx]) * in[i - nx];
        else if (L.periodic && ny > 1) s -= double(L.gy[i + (ny - 1) * nx]) * in[i + (ny - 1) * nx];
        if (z + 1 < L.nz) s -= double(L.gz[i]) * in[i + slice];
        if (z > 0) s -= double(L.gz[i - slice]) * in[i - slice];
        out[i] = s;
      }
  });
}

// Half the sum of the fine conductances across each coarse face.
std::unique_ptr<Level> coarsen(const Level& f) {
  auto c = std::make_unique<Level>();
  c->nz = (f.nz + 1) / 2;
  c->ny = (f.ny + 1) / 2;
  c->nx = (f.nx + 1) / 2;
  c->periodic = f.periodic;
  const std::size_t n = c->size();
  c->gx.assign(n, 0.0f);
  c->gy.assign(n, 0.0f);
  c->gz.assign(n, 0.0f);
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
          if (f.gx[i] != 0.0f && xn / 2 != x / 2) c->gx[I] += 0.5f * f.gx[i];
          const std::size_t yn = y + 1 < f.ny ? y + 1 : 0;
          if (f.gy[i] != 0.0f && yn / 2 != y / 2) c->gy[I] += 0.5f * f.gy[i];
          if (z + 1 < f.nz && f.gz[i] != 0.0f && (z + 1) / 2 != Z) c->gz[I] += 0.5f * f.gz[i];
          if (z == 0) c->gIn[(y / 2) * c->nx + x / 2] += 0.5f * f.gIn[y * f.nx + x];
          if (z + 1 == f.nz) c->gOut[(y / 2) * c->nx + x / 2] += 0.5f * f.gOut[y * f.nx + x];
        }
  });
  computeDiag(*c);
  c->x.assign(n, 0.0);
  c->b.assign(n, 0.0);
  c->r.assign(n, 0.0);
  return c;
}

void jacobi(const Level& L, const std::vector<double>& b, std::vector<double>& x, std::vector<double>& r,
            int sweeps, double w) {
  for (int s = 0; s < sweeps; ++s) {
    apply(L, x, r);
    forSlabs(L.nz, [&](std::size_t z) {
      const std::size_t a = z * L.ny * L.nx, e = a + L.ny * L.nx;
      for (std::size_t i = a; i < e; ++i)
        if (L.diag[i] != 0.0) x[i] += w * (b[i] - r[i]) / L.diag[i];
    });
  }
}

struct Hierarchy {
  std::vector<std::unique_ptr<Level>> levels;  // [0] is the fine level (vectors unused)
  int sweeps = 2;
  double w = 0.8;

  // x = M^-1 b on level k (x starts at zero).
  void vcycle(std::size_t k, const std::vector<double>& b, std::vector<double>& x, std::vector<double>& r) {
    const Level& L = *levels[k];
    std::fill(x.begin(), x.end(), 0.0);
    if (k + 1 == levels.size()) {  // coarsest: many sweeps (a fixed, symmetric polynomial)
      jacobi(L, b, x, r, 60, w);
      return;
    }
    jacobi(L, b, x, r, sweeps, w);
    apply(L, x, r);
    Level& C = *levels[k + 1];
    std::fill(C.b.begin(), C.b.end(), 0.0);
    const std::size_t fs = L.ny * L.nx, cs = C.ny * C.nx;
    forSlabs(C.nz, [&](std::size_t Z) {  // restriction: sums of residuals
      for (std::size_t z = 2 * Z; z < std::min(L.nz, 2 * Z + 2); ++z)
        for (std::size_t y = 0; y < L.ny; ++y)
          for (std::size_t x2 = 0; x2 < L.nx; ++x2) {
            const std::size_t i = z * fs + y * L.nx + x2;
            if (L.diag[i] != 0.0) C.b[Z * cs + (y / 2) * C.nx + x2 / 2] += b[i] - r[i];
          }
    });
    vcycle(k + 1, C.b, C.x, C.r);
    forSlabs(L.nz, [&](std::size_t z) {  // prolongation: piecewise constant
      for (std::size_t y = 0; y < L.ny; ++y)
        for (std::size_t x2 = 0; x2 < L.nx; ++x2) {
          const std::size_t i = z * fs + y * L.nx + x2;
          if (L.diag[i] != 0.0) x[i] += C.x[(z / 2) * cs + (y / 2) * C.nx + x2 / 2];
        }
    });
    // Post-smoothing continues from x: the same sweeps as before (symmetric).
    for (int s = 0; s < sweeps; ++s) {
      apply(L, x, r);
      forSlabs(L.nz, [&](std::size_t z) {
        const std::size_t a = z * fs, e = a + fs;
        for (std::size_t i = a; i < e; ++i)
          if (L.diag[i] != 0.0) x[i] += w * (b[i] - r[i]) / L.diag[i];
      });
    }
  }
};

double dot(std::size_t nz, std::size_t slice, const std::vector<double>& a, const std::vector<double>& b) {
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
  fine->gx = p.gx;
  fine->gy = p.gy;
  fine->gz = p.gz;
  fine->gIn = p.gIn;
  fine->gOut = p.gOut;
  computeDiag(*fine);
  const std::size_t n = fine->size(), slice = fine->ny * fine->nx, nz = fine->nz;

  Hierarchy mg;
  mg.sweeps = o.smoothingSweeps;
  mg.w = o.jacobiWeight;
  mg.levels.push_back(std::move(fine));
  if (o.multigrid)
    while (mg.levels.back()->size() > 512 && mg.levels.back()->nz > 2)
      mg.levels.push_back(coarsen(*mg.levels.back()));
  const Level& L = *mg.levels[0];

  Solution s;
  s.levels = int(mg.levels.size());
  s.potential_V.assign(n, 0.0);
  std::vector<double> b(n, 0.0), r(n), z(n), q(n), work(n);
  for (std::size_t k = 0; k < slice; ++k) b[k] = double(p.gIn[k]) * inlet_V;
  auto precondition = [&](const std::vector<double>& in, std::vector<double>& out) {
    if (o.multigrid) {
      mg.vcycle(0, in, out, work);
    } else {
      for (std::size_t i = 0; i < n; ++i) out[i] = L.diag[i] != 0.0 ? in[i] / L.diag[i] : 0.0;
    }
  };
  auto& x = s.potential_V;
  r = b;  // x = 0
  const double bnorm = std::sqrt(dot(nz, slice, b, b));
  if (bnorm == 0.0) { s.converged = true; return s; }
  precondition(r, z);
  std::vector<double> d = z;
  double rz = dot(nz, slice, r, z);
  for (s.iterations = 0; s.iterations < o.maxIterations; ++s.iterations) {
    s.relativeResidual = std::sqrt(dot(nz, slice, r, r)) / bnorm;
    if (s.relativeResidual <= o.relativeTolerance) { s.converged = true; break; }
    apply(L, d, q);
    const double alpha = rz / dot(nz, slice, d, q);
    forSlabs(nz, [&](std::size_t zz) {
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) { x[i] += alpha * d[i]; r[i] -= alpha * q[i]; }
    });
    precondition(r, z);
    const double rzNew = dot(nz, slice, r, z);
    const double beta = rzNew / rz;
    rz = rzNew;
    forSlabs(nz, [&](std::size_t zz) {
      for (std::size_t i = zz * slice; i < (zz + 1) * slice; ++i) d[i] = z[i] + beta * d[i];
    });
  }
  for (std::size_t k = 0; k < slice; ++k) {
    s.inletCurrent_A += double(p.gIn[k]) * (inlet_V - x[k]);
    s.outletCurrent_A += double(p.gOut[k]) * x[(nz - 1) * slice + k];
  }
  return s;
}

}  // namespace ssb::transport
