// The "mg" PETSc method: CG preconditioned by the matrix-free geometric
// multigrid of Multigrid.hpp, run by PCMG on DMDA levels so that it works
// on several processes (PetscSolver.hpp describes the design).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "transport/PetscCommon.hpp"
#include "transport/PetscSolver.hpp"

namespace ssb::transport {

using petsc::check;

namespace {

// One multigrid level on its DMDA. A process keeps the face conductances
// of the cells it owns and of one cell below them in x, y and z (their -x,
// -y, -z faces), the box [zs-1, zs+zm) x [ys-1, ys+ym) x [xs-1, xs+xm)
// with the periodic sides wrapped: computed for its share only, from the
// problem's face rule, so memory divides between processes.
struct Level {
  std::size_t nz = 0, ny = 0, nx = 0;
  bool periodic = true;
  DM da = nullptr;
  PetscInt xs = 0, ys = 0, zs = 0, xm = 0, ym = 0, zm = 0;        // owned box
  PetscInt gxs = 0, gys = 0, gzs = 0, gxm = 0, gym = 0, gzm = 0;  // with the ghost layer
  std::vector<float> gx, gy, gz;  // +x / +y / +z face of each cell of the box (0: no face)
  std::vector<float> gIn, gOut;   // per owned (j, i): to the inlet / outlet (first / last slab)
  std::vector<double> invDiag;    // 1 / diagonal per owned cell; a cell outside the solve has an identity row
  std::vector<std::uint8_t> active;
  Vec local = nullptr;  // ghosted copy of the vector being worked on
  PetscSF ghosts = nullptr;  // owned cells of `local` -> the ghost layers of `local` (faces only)
  Mat A = nullptr;      // the operator (MatShell)
  Mat P = nullptr;      // prolongation from the next coarser level (MatShell); none on the coarsest
  Level* coarser = nullptr;

  std::ptrdiff_t ghosted(PetscInt k, PetscInt j, PetscInt i) const {
    return (std::ptrdiff_t(k - gzs) * gym + (j - gys)) * gxm + (i - gxs);
  }
  std::size_t owned(PetscInt k, PetscInt j, PetscInt i) const {
    return (std::size_t(k - zs) * std::size_t(ym) + std::size_t(j - ys)) * std::size_t(xm) + std::size_t(i - xs);
  }
  std::size_t box(PetscInt k, PetscInt j, PetscInt i) const {
    return (std::size_t(k - zs + 1) * std::size_t(ym + 1) + std::size_t(j - ys + 1)) * std::size_t(xm + 1) +
           std::size_t(i - xs + 1);
  }
  std::ptrdiff_t boxY() const { return xm + 1; }
  std::ptrdiff_t boxZ() const { return std::ptrdiff_t(xm + 1) * (ym + 1); }

  // Sum over the neighbours of cell (k, j, i) of conductance x neighbour
  // value, from the ghosted array xl (pointing at the cell). Faces beyond an
  // insulated side or the z ends have zero conductance and no ghost: skipped.
  double neighbourSum(const double* xl, PetscInt k, PetscInt j, PetscInt i) const {
    const std::size_t b = box(k, j, i);
    const std::ptrdiff_t oy = gxm, oz = std::ptrdiff_t(gxm) * gym;
    double s = 0;
    if (std::size_t(i) + 1 < nx || periodic) s += double(gx[b]) * xl[1];
    if (i > 0 || periodic) s += double(gx[b - 1]) * xl[-1];
    if (std::size_t(j) + 1 < ny || periodic) s += double(gy[b]) * xl[oy];
    if (j > 0 || periodic) s += double(gy[b - std::size_t(boxY())]) * xl[-oy];
    if (std::size_t(k) + 1 < nz) s += double(gz[b]) * xl[oz];
    if (k > 0) s += double(gz[b - std::size_t(boxZ())]) * xl[-oz];
    return s;
  }

  // The conductances and neighbour values of one owned row (k, j), for the
  // cells 0 < i < nx - 1 (the row ends go through neighbourSum): a
  // neighbour that does not exist (insulated side, z ends) has a zero
  // conductance and reads, harmlessly, the cell itself.
  struct Row {
    const float *gx, *gy, *gyM, *gz, *gzM;
    const double *c, *yp, *ym, *zp, *zm;
    double sum(PetscInt i) const {
      return double(gx[i]) * c[i + 1] + double(gx[i - 1]) * c[i - 1] + double(gy[i]) * yp[i] +
             double(gyM[i]) * ym[i] + double(gz[i]) * zp[i] + double(gzM[i]) * zm[i];
    }
  };
  Row row(const double* xl, PetscInt k, PetscInt j) const {
    const std::ptrdiff_t oy = gxm, oz = std::ptrdiff_t(gxm) * gym;
    const std::ptrdiff_t b0 = std::ptrdiff_t(box(k, j, xs)) - xs;  // box index of (k, j, 0)
    const double* c = xl + ghosted(k, j, 0);
    Row r;
    r.gx = gx.data() + b0;
    r.gy = gy.data() + b0;
    r.gyM = gy.data() + b0 - boxY();
    r.gz = gz.data() + b0;
    r.gzM = gz.data() + b0 - boxZ();
    r.c = c;
    r.yp = std::size_t(j) + 1 < ny || periodic ? c + oy : c;
    r.ym = j > 0 || periodic ? c - oy : c;
    r.zp = std::size_t(k) + 1 < nz ? c + oz : c;
    r.zm = k > 0 ? c - oz : c;
    return r;
  }
  // neighbourSum for the cells of a row from i0 (step 1 or 2), the fast path in the interior.
  template <typename F>
  void forRow(const double* xl, PetscInt k, PetscInt j, PetscInt i0, PetscInt step, F&& f) const {
    const Row r = row(xl, k, j);
    for (PetscInt i = i0; i < xs + xm; i += step) {
      const double s = (i > 0 && std::size_t(i) + 1 < nx) ? r.sum(i) : neighbourSum(r.c + i, k, j, i);
      f(i, s, const_cast<double*>(r.c + i));
    }
  }

  // The conductances of this level, `above` coarsenings above the fine
  // level, straight from the fine faces: unrolling Multigrid.hpp's
  // coarsening (half the sum across each coarse face, level by level), a
  // coarse face carries 0.5^above times the sum of the fine faces on the
  // block's +x (+y, +z) boundary layer, and nothing where the level is one
  // cell across (the periodic face then joins a cell to itself).
  void computeConductances(const ConductionProblem& p, int above) {
    const std::size_t w = std::size_t(1) << above;
    const float scale = std::ldexp(1.0f, -above);
    const std::size_t fnz = p.shape.nz, fny = p.shape.ny, fnx = p.shape.nx;
    auto range = [&](std::size_t c, std::size_t n) { return std::pair(c * w, std::min((c + 1) * w, n)); };
    const std::size_t n = std::size_t(xm + 1) * std::size_t(ym + 1) * std::size_t(zm + 1);
    gx.assign(n, 0.0f);
    gy.assign(n, 0.0f);
    gz.assign(n, 0.0f);
    for (PetscInt k = zs - 1; k < zs + zm; ++k) {
      if (k < 0) continue;  // below the inlet: no cell
      const auto [z0, z1] = range(std::size_t(k), fnz);
      for (PetscInt j = ys - 1; j < ys + ym; ++j) {
        if (j < 0 && !periodic) continue;
        const std::size_t J = j < 0 ? ny - 1 : std::size_t(j);
        const auto [y0, y1] = range(J, fny);
        for (PetscInt i = xs - 1; i < xs + xm; ++i) {
          if (i < 0 && !periodic) continue;
          const std::size_t I = i < 0 ? nx - 1 : std::size_t(i);
          const auto [x0, x1] = range(I, fnx);
          double sx = 0, sy = 0, sz = 0;
          for (std::size_t z = z0; z < z1; ++z)
            for (std::size_t y = y0; y < y1; ++y)
              if (nx > 1) sx += p.faceX(z, y, x1 - 1);
          for (std::size_t z = z0; z < z1; ++z)
            for (std::size_t x = x0; x < x1; ++x)
              if (ny > 1) sy += p.faceY(z, y1 - 1, x);
          if (std::size_t(k) + 1 < nz)
            for (std::size_t y = y0; y < y1; ++y)
              for (std::size_t x = x0; x < x1; ++x) sz += p.faceZ(z1 - 1, y, x);
          const std::size_t b = box(k, j, i);
          gx[b] = scale * float(sx);
          gy[b] = scale * float(sy);
          gz[b] = scale * float(sz);
        }
      }
    }
    gIn.assign(std::size_t(xm) * std::size_t(ym), 0.0f);
    gOut.assign(gIn.size(), 0.0f);
    for (PetscInt j = ys; j < ys + ym; ++j)
      for (PetscInt i = xs; i < xs + xm; ++i) {
        const auto [y0, y1] = range(std::size_t(j), fny);
        const auto [x0, x1] = range(std::size_t(i), fnx);
        double in = 0, out = 0;
        for (std::size_t y = y0; y < y1; ++y)
          for (std::size_t x = x0; x < x1; ++x) {
            in += p.gIn[y * fnx + x];
            out += p.gOut[y * fnx + x];
          }
        const std::size_t o = std::size_t(j - ys) * std::size_t(xm) + std::size_t(i - xs);
        gIn[o] = scale * float(in);
        gOut[o] = scale * float(out);
      }
  }

  void computeDiag() {
    const std::size_t n = std::size_t(xm) * std::size_t(ym) * std::size_t(zm);
    invDiag.assign(n, 1.0);
    active.assign(n, 0);
    for (PetscInt k = zs; k < zs + zm; ++k)
      for (PetscInt j = ys; j < ys + ym; ++j)
        for (PetscInt i = xs; i < xs + xm; ++i) {
          const std::size_t b = box(k, j, i), o = owned(k, j, i), f = std::size_t(j - ys) * std::size_t(xm) + std::size_t(i - xs);
          double d = double(gx[b]) + gx[b - 1] + gy[b] + gy[b - std::size_t(boxY())] + gz[b] + gz[b - std::size_t(boxZ())];
          if (k == 0) d += gIn[f];
          if (std::size_t(k) + 1 == nz) d += gOut[f];
          active[o] = d != 0.0;
          invDiag[o] = d != 0.0 ? 1.0 / d : 1.0;
        }
  }
};

// y = A x.
PetscErrorCode applyOperator(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  Level* L;
  PetscCall(MatShellGetContext(A, &L));
  PetscCall(DMGlobalToLocalBegin(L->da, x, INSERT_VALUES, L->local));
  PetscCall(DMGlobalToLocalEnd(L->da, x, INSERT_VALUES, L->local));
  const PetscScalar* xl;
  PetscScalar* yy;
  PetscCall(VecGetArrayRead(L->local, &xl));
  PetscCall(VecGetArray(y, &yy));
  for (PetscInt k = L->zs; k < L->zs + L->zm; ++k)
    for (PetscInt j = L->ys; j < L->ys + L->ym; ++j) {
      const std::size_t o0 = L->owned(k, j, L->xs);
      L->forRow(xl, k, j, L->xs, 1, [&](PetscInt i, double s, double* c) {
        const std::size_t o = o0 + std::size_t(i - L->xs);
        yy[o] = c[0] / L->invDiag[o] - s;  // outside the solve: diagonal 1, no faces, y = x
      });
    }
  PetscCall(VecRestoreArray(y, &yy));
  PetscCall(VecRestoreArrayRead(L->local, &xl));
  PetscFunctionReturn(0);
}

PetscErrorCode operatorDiagonal(Mat A, Vec d) {
  PetscFunctionBeginUser;
  Level* L;
  PetscCall(MatShellGetContext(A, &L));
  PetscScalar* dd;
  PetscCall(VecGetArray(d, &dd));
  for (std::size_t o = 0; o < L->invDiag.size(); ++o) dd[o] = 1.0 / L->invDiag[o];
  PetscCall(VecRestoreArray(d, &dd));
  PetscFunctionReturn(0);
}

// One Gauss-Seidel half sweep over the owned cells of one colour
// ((i + j + k) % 2 == colour), in the ghosted copy xl, so a same-colour
// neighbour across an odd periodic wrap within the process sees the new
// value, as in the shared-memory solver. A cell outside the solve has no
// faces and invDiag 1, so it takes b (its identity row) without a branch.
void gaussSeidelColour(const Level& L, const double* bb, double* xl, int colour) {
  for (PetscInt k = L.zs; k < L.zs + L.zm; ++k)
    for (PetscInt j = L.ys; j < L.ys + L.ym; ++j) {
      const std::size_t o0 = L.owned(k, j, L.xs);
      const double* inv = L.invDiag.data() + o0 - std::size_t(L.xs);
      const double* bRow = bb + o0 - std::size_t(L.xs);
      L.forRow(xl, k, j, L.xs + ((L.xs + j + k + colour) & 1), 2,
               [&](PetscInt i, double s, double* c) { c[0] = inv[i] * (bRow[i] + s); });
    }
}

// Copies the owned cells of the ghosted copy xl into xx.
void ownedFromGhosted(const Level& L, const double* xl, double* xx) {
  for (PetscInt k = L.zs; k < L.zs + L.zm; ++k)
    for (PetscInt j = L.ys; j < L.ys + L.ym; ++j)
      std::copy_n(xl + L.ghosted(k, j, L.xs), L.xm, xx + L.owned(k, j, L.xs));
}

// A smoother: `sweeps` symmetric pairs of half sweeps, red first before the
// coarse correction and black first after it, so the cycle is symmetric. On
// the coarsest level (sweeps 0): 30 pairs each way from zero, a fixed
// polynomial as in the shared-memory solver.
struct GaussSeidelSmoother {
  Level* level = nullptr;
  int firstColour = 0;
  bool coarsest = false;
};

// The ghosted copy is filled once; between half sweeps only the ghost
// layer is refreshed (L.ghosts), not the whole vector.
PetscErrorCode smoothInPlace(const GaussSeidelSmoother& s, Vec b, Vec x, PetscInt sweeps, bool zeroGuess) {
  PetscFunctionBeginUser;
  const Level& L = *s.level;
  if (zeroGuess || s.coarsest) {
    PetscCall(VecSet(L.local, 0.0));  // ghosts included: no exchange needed
  } else {
    PetscCall(DMGlobalToLocalBegin(L.da, x, INSERT_VALUES, L.local));
    PetscCall(DMGlobalToLocalEnd(L.da, x, INSERT_VALUES, L.local));
  }
  PetscScalar *xl, *xx;
  const PetscScalar* bb;
  PetscCall(VecGetArray(L.local, &xl));
  PetscCall(VecGetArray(x, &xx));
  PetscCall(VecGetArrayRead(b, &bb));
  const PetscInt pairs = s.coarsest ? 30 : sweeps;
  bool fresh = true;  // the ghosts hold the current values
  for (int pass = 0; pass < (s.coarsest ? 2 : 1); ++pass)
    for (PetscInt r = 0; r < pairs; ++r)
      for (int half = 0; half < 2; ++half) {
        const int first = s.coarsest ? pass : s.firstColour;
        if (!fresh) {
          PetscCall(PetscSFBcastBegin(L.ghosts, MPIU_SCALAR, xl, xl, MPI_REPLACE));
          PetscCall(PetscSFBcastEnd(L.ghosts, MPIU_SCALAR, xl, xl, MPI_REPLACE));
        }
        gaussSeidelColour(L, bb, xl, half == 0 ? first : 1 - first);
        fresh = false;
      }
  ownedFromGhosted(L, xl, xx);
  PetscCall(VecRestoreArrayRead(b, &bb));
  PetscCall(VecRestoreArray(x, &xx));
  PetscCall(VecRestoreArray(L.local, &xl));
  PetscFunctionReturn(0);
}

// KSPRICHARDSON hands its whole iteration to the smoother.
PetscErrorCode smootherRichardson(PC pc, Vec b, Vec x, Vec, PetscReal, PetscReal, PetscReal, PetscInt maxits,
                                  PetscBool zeroGuess, PetscInt* its, PCRichardsonConvergedReason* reason) {
  PetscFunctionBeginUser;
  GaussSeidelSmoother* s;
  PetscCall(PCShellGetContext(pc, &s));
  PetscCall(smoothInPlace(*s, b, x, maxits, zeroGuess == PETSC_TRUE));
  *its = maxits;
  *reason = PCRICHARDSON_CONVERGED_ITS;
  PetscFunctionReturn(0);
}

// As a plain preconditioner (for other KSP types given by options): one
// symmetric pair of sweeps from zero.
PetscErrorCode smootherApply(PC pc, Vec b, Vec x) {
  PetscFunctionBeginUser;
  GaussSeidelSmoother* s;
  PetscCall(PCShellGetContext(pc, &s));
  PetscCall(smoothInPlace(*s, b, x, 1, true));
  PetscFunctionReturn(0);
}

// Prolongation P (coarse -> fine): piecewise constant into the cells in the
// solve; its transpose, the restriction, sums those cells into their parent.
// Each process owns the parents of its fine cells (see ownership()), so
// neither communicates. out = P in (or P^T in), plus y0 when Add.
template <bool Restrict, bool Add>
PetscErrorCode transfer(Mat P, Vec in, Vec y0, Vec out) {
  PetscFunctionBeginUser;
  Level* F;
  PetscCall(MatShellGetContext(P, &F));
  const Level* C = F->coarser;
  if (Add && y0 != out) PetscCall(VecCopy(y0, out));
  if (!Add && Restrict) PetscCall(VecSet(out, 0.0));
  const PetscScalar* src;
  PetscScalar* dst;
  PetscCall(VecGetArrayRead(in, &src));
  PetscCall(VecGetArray(out, &dst));
  std::size_t o = 0;
  for (PetscInt k = F->zs; k < F->zs + F->zm; ++k)
    for (PetscInt j = F->ys; j < F->ys + F->ym; ++j)
      for (PetscInt i = F->xs; i < F->xs + F->xm; ++i, ++o) {
        const std::size_t parent = C->owned(k / 2, j / 2, i / 2);
        if (Restrict) {
          if (F->active[o]) dst[parent] += src[o];
        } else {
          const double v = F->active[o] ? src[parent] : 0.0;
          dst[o] = Add ? dst[o] + v : v;
        }
      }
  PetscCall(VecRestoreArray(out, &dst));
  PetscCall(VecRestoreArrayRead(in, &src));
  PetscFunctionReturn(0);
}

PetscErrorCode prolongMult(Mat P, Vec x, Vec y) { return transfer<false, false>(P, x, y, y); }
PetscErrorCode prolongMultAdd(Mat P, Vec x, Vec y0, Vec y) { return transfer<false, true>(P, x, y0, y); }
PetscErrorCode restrictMult(Mat P, Vec x, Vec y) { return transfer<true, false>(P, x, y, y); }
PetscErrorCode restrictMultAdd(Mat P, Vec x, Vec y0, Vec y) { return transfer<true, true>(P, x, y0, y); }

// Cells per process along one axis of the level `above` coarsenings above
// the coarsest (nCoarsest cells there, n on this level): the split of the
// coarsest level scaled by 2^above, so a parent always lives on the process
// of its children.
std::vector<PetscInt> ownership(std::size_t nCoarsest, PetscInt procs, int above, std::size_t n) {
  std::vector<PetscInt> sizes(static_cast<std::size_t>(procs));
  auto boundary = [&](PetscInt r) {
    return r == procs ? PetscInt(n) : PetscInt((std::size_t(r) * nCoarsest / std::size_t(procs)) << above);
  };
  for (PetscInt r = 0; r < procs; ++r) sizes[std::size_t(r)] = boundary(r + 1) - boundary(r);
  return sizes;
}

// The exchange that refreshes the face ghosts of L.local from their owners:
// lx, ly, lz are the cells per process along each axis (m, n, q processes;
// DMDA numbers the processes with x fastest).
void buildGhostExchange(Level& L, MPI_Comm comm, const std::vector<PetscInt>& lx, const std::vector<PetscInt>& ly,
                        const std::vector<PetscInt>& lz) {
  // Per axis and process: first owned cell, first ghosted cell, ghosted width
  // (one ghost each side, except at an end of a non-periodic axis).
  struct Axis { std::vector<PetscInt> start, ghostStart, ghostWidth; };
  auto axis = [](const std::vector<PetscInt>& l, bool periodic) {
    Axis a;
    PetscInt s = 0, n = 0;
    for (PetscInt c : l) n += c;
    for (PetscInt c : l) {
      const PetscInt lo = (periodic || s > 0) ? 1 : 0, hi = (periodic || s + c < n) ? 1 : 0;
      a.start.push_back(s);
      a.ghostStart.push_back(s - lo);
      a.ghostWidth.push_back(c + lo + hi);
      s += c;
    }
    return a;
  };
  const Axis ax = axis(lx, L.periodic), ay = axis(ly, L.periodic), az = axis(lz, false);
  auto owner = [](const Axis& a, PetscInt c) {
    return std::size_t(std::upper_bound(a.start.begin(), a.start.end(), c) - a.start.begin()) - 1;
  };
  const PetscInt nx = PetscInt(L.nx), ny = PetscInt(L.ny), m = PetscInt(lx.size()), n = PetscInt(ly.size());
  std::vector<PetscInt> leaves;
  std::vector<PetscSFNode> remote;
  for (PetscInt k = L.gzs; k < L.gzs + L.gzm; ++k)
    for (PetscInt j = L.gys; j < L.gys + L.gym; ++j)
      for (PetscInt i = L.gxs; i < L.gxs + L.gxm; ++i) {
        const int outside = (i < L.xs || i >= L.xs + L.xm) + (j < L.ys || j >= L.ys + L.ym) + (k < L.zs || k >= L.zs + L.zm);
        if (outside != 1) continue;  // owned, or an edge or corner ghost the 7-point stencil never reads
        const PetscInt I = (i + nx) % nx, J = (j + ny) % ny, K = k;
        const std::size_t pi = owner(ax, I), pj = owner(ay, J), pk = owner(az, K);
        leaves.push_back(PetscInt(L.ghosted(k, j, i)));
        remote.push_back({PetscInt(pi) + m * (PetscInt(pj) + n * PetscInt(pk)),
                          ((K - az.ghostStart[pk]) * ay.ghostWidth[pj] + (J - ay.ghostStart[pj])) * ax.ghostWidth[pi] +
                              (I - ax.ghostStart[pi])});
      }
  check(PetscSFCreate(comm, &L.ghosts), "PetscSFCreate");
  check(PetscSFSetGraph(L.ghosts, L.gxm * L.gym * L.gzm, PetscInt(leaves.size()), leaves.data(), PETSC_COPY_VALUES,
                        remote.data(), PETSC_COPY_VALUES), "PetscSFSetGraph");
  check(PetscSFSetUp(L.ghosts), "PetscSFSetUp");
}

}  // namespace

Solution solveConductionPetscMultigrid(const ConductionProblem& p, const SolveOptions& o, double inlet_V) {
  const MPI_Comm comm = PETSC_COMM_WORLD;
  const DMBoundaryType side = p.periodicSides ? DM_BOUNDARY_PERIODIC : DM_BOUNDARY_NONE;
  int processes = 1;
  MPI_Comm_size(comm, &processes);
  const petsc::ProcessGrid grid = petsc::processGrid(p.shape, processes);
  const PetscInt m = grid.m, n = grid.n, q = grid.q;
  // The levels of the shared-memory solver (2 x 2 x 2 cells joined, sizes
  // rounded up, down to 512 cells or 2 slabs), stopping early where a
  // process would be left without cells.
  struct Size { std::size_t nz, ny, nx; };
  std::vector<Size> sizes{{p.shape.nz, p.shape.ny, p.shape.nx}};
  for (;;) {
    const Size f = sizes.back();
    if (!o.multigrid || f.nz * f.ny * f.nx <= 512 || f.nz <= 2) break;
    const Size c{(f.nz + 1) / 2, (f.ny + 1) / 2, (f.nx + 1) / 2};
    if (c.nx < std::size_t(m) || c.ny < std::size_t(n) || c.nz < std::size_t(q)) break;
    sizes.push_back(c);
  }
  const int nLevels = int(sizes.size());
  const Size coarsest = sizes.back();
  std::vector<std::unique_ptr<Level>> levels;  // [0] the fine level
  for (int k = 0; k < nLevels; ++k) {
    levels.push_back(std::make_unique<Level>());
    Level& L = *levels.back();
    L.nz = sizes[std::size_t(k)].nz;
    L.ny = sizes[std::size_t(k)].ny;
    L.nx = sizes[std::size_t(k)].nx;
    L.periodic = p.periodicSides;
    const int above = nLevels - 1 - k;
    const auto lx = ownership(coarsest.nx, m, above, L.nx), ly = ownership(coarsest.ny, n, above, L.ny),
               lz = ownership(coarsest.nz, q, above, L.nz);
    check(DMDACreate3d(comm, side, side, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, PetscInt(L.nx), PetscInt(L.ny),
                       PetscInt(L.nz), m, n, q, 1, 1, lx.data(), ly.data(), lz.data(), &L.da), "DMDACreate3d");
    check(DMSetUp(L.da), "DMSetUp");
    check(DMDAGetCorners(L.da, &L.xs, &L.ys, &L.zs, &L.xm, &L.ym, &L.zm), "DMDAGetCorners");
    check(DMDAGetGhostCorners(L.da, &L.gxs, &L.gys, &L.gzs, &L.gxm, &L.gym, &L.gzm), "DMDAGetGhostCorners");
    check(DMCreateLocalVector(L.da, &L.local), "DMCreateLocalVector");
    buildGhostExchange(L, comm, lx, ly, lz);
    L.computeConductances(p, k);
    L.computeDiag();
    const PetscInt local = L.xm * L.ym * L.zm, global = PetscInt(L.nz * L.ny * L.nx);
    check(MatCreateShell(comm, local, local, global, global, &L, &L.A), "MatCreateShell");
    check(MatShellSetOperation(L.A, MATOP_MULT, (void (*)(void))applyOperator), "MatShellSetOperation");
    check(MatShellSetOperation(L.A, MATOP_GET_DIAGONAL, (void (*)(void))operatorDiagonal), "MatShellSetOperation");
    check(MatSetOption(L.A, MAT_SPD, PETSC_TRUE), "MatSetOption");
  }
  for (int k = 0; k + 1 < nLevels; ++k) {
    Level& F = *levels[std::size_t(k)];
    Level& C = *levels[std::size_t(k) + 1];
    F.coarser = &C;
    check(MatCreateShell(comm, F.xm * F.ym * F.zm, C.xm * C.ym * C.zm, PetscInt(F.nz * F.ny * F.nx),
                         PetscInt(C.nz * C.ny * C.nx), &F, &F.P), "MatCreateShell");
    check(MatShellSetOperation(F.P, MATOP_MULT, (void (*)(void))prolongMult), "MatShellSetOperation");
    check(MatShellSetOperation(F.P, MATOP_MULT_ADD, (void (*)(void))prolongMultAdd), "MatShellSetOperation");
    check(MatShellSetOperation(F.P, MATOP_MULT_TRANSPOSE, (void (*)(void))restrictMult), "MatShellSetOperation");
    check(MatShellSetOperation(F.P, MATOP_MULT_TRANSPOSE_ADD, (void (*)(void))restrictMultAdd), "MatShellSetOperation");
  }

  const Level& fine = *levels[0];
  Vec x, b;
  check(DMCreateGlobalVector(fine.da, &x), "DMCreateGlobalVector");
  check(VecDuplicate(x, &b), "VecDuplicate");
  {
    // b: the inlet's Dirichlet value; x: the potential of a full block,
    // falling linearly from inlet to outlet (as the shared-memory solver).
    PetscScalar *bb, *xx;
    check(VecGetArray(b, &bb), "VecGetArray");
    check(VecGetArray(x, &xx), "VecGetArray");
    std::size_t c = 0;
    for (PetscInt k = fine.zs; k < fine.zs + fine.zm; ++k)
      for (PetscInt j = fine.ys; j < fine.ys + fine.ym; ++j)
        for (PetscInt i = fine.xs; i < fine.xs + fine.xm; ++i, ++c) {
          bb[c] = k == 0 ? double(p.gIn[std::size_t(j) * fine.nx + std::size_t(i)]) * inlet_V : 0.0;
          xx[c] = fine.active[c] ? inlet_V * (1.0 - (double(k) + 0.5) / double(fine.nz)) : 0.0;
        }
    check(VecRestoreArray(x, &xx), "VecRestoreArray");
    check(VecRestoreArray(b, &bb), "VecRestoreArray");
  }

  KSP ksp;
  PC pc;
  check(KSPCreate(comm, &ksp), "KSPCreate");
  check(KSPSetOperators(ksp, fine.A, fine.A), "KSPSetOperators");
  check(KSPSetType(ksp, KSPCG), "KSPSetType");
  check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
  check(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE), "KSPSetInitialGuessNonzero");
  check(KSPSetTolerances(ksp, o.relativeTolerance, 1e-300, PETSC_DEFAULT, o.maxIterations), "KSPSetTolerances");
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  check(PCSetType(pc, PCMG), "PCSetType mg");
  check(PCMGSetLevels(pc, nLevels, nullptr), "PCMGSetLevels");
  check(PCMGSetType(pc, PC_MG_MULTIPLICATIVE), "PCMGSetType");
  check(PCMGSetCycleType(pc, o.coarseCycles > 1 ? PC_MG_CYCLE_W : PC_MG_CYCLE_V), "PCMGSetCycleType");
  check(PCMGSetGalerkin(pc, PC_MG_GALERKIN_NONE), "PCMGSetGalerkin");
  // PETSc numbers the levels from the coarsest (0); ours from the finest.
  std::vector<GaussSeidelSmoother> smoothers(2 * std::size_t(nLevels));
  for (int l = 0; l < nLevels; ++l) {
    Level& L = *levels[std::size_t(nLevels - 1 - l)];
    if (l > 0) check(PCMGSetInterpolation(pc, l, L.P), "PCMGSetInterpolation");
    for (int up = 0; up < (l > 0 ? 2 : 1); ++up) {
      KSP smoother;
      if (l == 0) check(PCMGGetCoarseSolve(pc, &smoother), "PCMGGetCoarseSolve");
      else if (up) check(PCMGGetSmootherUp(pc, l, &smoother), "PCMGGetSmootherUp");
      else check(PCMGGetSmootherDown(pc, l, &smoother), "PCMGGetSmootherDown");
      GaussSeidelSmoother& s = smoothers[2 * std::size_t(l) + std::size_t(up)];
      s = {&L, up, l == 0};
      check(KSPSetOperators(smoother, L.A, L.A), "KSPSetOperators");
      check(KSPSetType(smoother, KSPRICHARDSON), "KSPSetType");
      // PCMG zeroes a coarser level's x before visiting it, and a W-cycle's
      // second visit must start from the first one's result: only the
      // finest pre-smoother starts from zero.
      if (l > 0 && l + 1 < nLevels && !up) check(KSPSetInitialGuessNonzero(smoother, PETSC_TRUE), "KSPSetInitialGuessNonzero");
      check(KSPSetTolerances(smoother, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, l == 0 ? 1 : o.smoothingSweeps),
            "KSPSetTolerances");
      PC spc;
      check(KSPGetPC(smoother, &spc), "KSPGetPC");
      check(PCSetType(spc, PCSHELL), "PCSetType shell");
      check(PCShellSetContext(spc, &s), "PCShellSetContext");
      check(PCShellSetApply(spc, smootherApply), "PCShellSetApply");
      check(PCShellSetApplyRichardson(spc, smootherRichardson), "PCShellSetApplyRichardson");
      check(PCShellSetName(spc, "red-black Gauss-Seidel"), "PCShellSetName");
    }
  }
  check(KSPSetFromOptions(ksp), "KSPSetFromOptions");  // the user's -ksp_*, -pc_mg_*, -mg_levels_* win
  check(KSPSolve(ksp, b, x), "KSPSolve");

  Solution s;
  s.levels = nLevels;
  petsc::finishSolution(p, fine.da, ksp, b, x, inlet_V, o.keepPotential, s);
  KSPDestroy(&ksp);
  VecDestroy(&x);
  VecDestroy(&b);
  for (auto& L : levels) {
    MatDestroy(&L->A);
    if (L->P) MatDestroy(&L->P);
    VecDestroy(&L->local);
    PetscSFDestroy(&L->ghosts);
    DMDestroy(&L->da);
  }
  return s;
}

}  // namespace ssb::transport
