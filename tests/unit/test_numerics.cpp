#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <tbb/global_control.h>

#include "core/Rng.hpp"
#include "numerics/BlockOperator.hpp"
#include "numerics/Krylov.hpp"
#include "numerics/Layout.hpp"
#include "numerics/Multigrid.hpp"
#include "numerics/VoxelOperator.hpp"

using namespace ssb;
using namespace ssb::numerics;

namespace {

BoundaryConditions conditions(bool periodic, Boundary z = Boundary::Dirichlet) {
  BoundaryConditions c;
  const Boundary lateral = periodic ? Boundary::Periodic : Boundary::Insulated;
  c.side = {{{z, z}, {lateral, lateral}, {lateral, lateral}}};
  return c;
}

// Random face conductances in [0.1, 1.1) keyed by the face (axis and its
// lower cell, wrapped), zero on insulated sides; Dirichlet faces 1 on z.
struct RandomFaces {
  Extent e;
  bool periodic;
  std::uint64_t seed;
  float operator()(int axis, long z, long y, long x) const {
    const long n = long(e.along(axis)), c = axis == 0 ? z : axis == 1 ? y : x;
    if (axis == 0 && (c < 0 || c == n - 1)) return 1.0f;  // Dirichlet faces at both z ends
    if (axis > 0 && !periodic && (c < 0 || c == n - 1)) return 0.0f;
    const std::uint64_t key = ((std::uint64_t(z + 1) * 1000 + std::uint64_t(y + 1)) * 1000 + std::uint64_t(x + 1)) * 3 + std::uint64_t(axis);
    return float(0.1 + core::counterUniform(seed, 17, key));
  }
};

VoxelOperator randomOperator(const Extent& e, bool periodic, bool cellTerm, std::uint64_t seed) {
  VoxelOperator A(wholeBox(e), conditions(periodic), cellTerm);
  A.setFaces(RandomFaces{e, periodic, seed});
  if (cellTerm)
    A.setCellTerm([&](std::size_t z, std::size_t y, std::size_t x) {
      return float(0.05 * core::counterUniform(seed, 23, (z * 1000 + y) * 1000 + x));
    });
  A.finish();
  return A;
}

// The operator as a dense matrix over the owned cells, assembled from the
// face rule directly (not from the operator's arrays).
Eigen::MatrixXd denseFromRule(const Extent& e, bool periodic, const RandomFaces& rule, const VoxelOperator& A) {
  const long nz = long(e.nz), ny = long(e.ny), nx = long(e.nx);
  const Box& b = A.box();
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(long(e.size()), long(e.size()));
  auto id = [&](long z, long y, long x) { return (z * ny + y) * nx + x; };
  for (long z = 0; z < nz; ++z)
    for (long y = 0; y < ny; ++y)
      for (long x = 0; x < nx; ++x) {
        const long i = id(z, y, x);
        if (A.hasCellTerm()) M(i, i) += A.cellTerm()[b.at(z, y, x)];
        // +x, +y, +z faces; a face to the same cell (periodic axis of one) has none.
        const long xs[3] = {z + 1, y + 1, x + 1};
        for (int axis = 0; axis < 3; ++axis) {
          long zz = z, yy = y, xx = x;
          (axis == 0 ? zz : axis == 1 ? yy : xx) = xs[axis];
          const long n = long(e.along(axis)), c = axis == 0 ? zz : axis == 1 ? yy : xx;
          const double g = rule(axis, z, y, x);
          if (c == n) {
            if (axis == 0) { M(i, i) += g; continue; }           // Dirichlet top face
            if (!periodic || n == 1) continue;
            (axis == 1 ? yy : xx) = 0;
          }
          const long j = id(zz, yy, xx);
          M(i, i) += g;
          M(j, j) += g;
          M(i, j) -= g;
          M(j, i) -= g;
        }
        if (z == 0) M(i, i) += rule(0, -1, y, x);  // Dirichlet bottom face
      }
  return M;
}

Eigen::VectorXd owned(const Box& b, const Field<double>& f) {
  Eigen::VectorXd v(long(b.owned()));
  long k = 0;
  for (long z = 0; z < long(b.mz()); ++z)
    for (long y = 0; y < long(b.my()); ++y)
      for (long x = 0; x < long(b.mx()); ++x) v[k++] = f[b.at(z, y, x)];
  return v;
}

void setOwned(const Box& b, Field<double>& f, const Eigen::VectorXd& v) {
  long k = 0;
  for (long z = 0; z < long(b.mz()); ++z)
    for (long y = 0; y < long(b.my()); ++y)
      for (long x = 0; x < long(b.mx()); ++x) f[b.at(z, y, x)] = v[k++];
}

}  // namespace

TEST_CASE("levels and process boxes cover each level once and nest", "[layout]") {
  const Extent fine{37, 21, 18};
  for (int processes : {1, 2, 3, 4, 6}) {
    const ProcessGrid grid = chooseProcessGrid(fine, processes);
    REQUIRE(grid.size() == processes);
    const auto levels = levelExtents(fine, grid);
    REQUIRE(levels.front() == fine);
    for (std::size_t k = 1; k < levels.size(); ++k)
      REQUIRE(levels[k] == Extent{(levels[k - 1].nz + 1) / 2, (levels[k - 1].ny + 1) / 2, (levels[k - 1].nx + 1) / 2});
    std::vector<std::vector<Box>> all;
    for (int r = 0; r < processes; ++r) all.push_back(levelBoxes(levels, grid, r));
    for (std::size_t k = 0; k < levels.size(); ++k) {
      std::vector<int> cover(levels[k].size(), 0);
      for (int r = 0; r < processes; ++r) {
        const Box& b = all[std::size_t(r)][k];
        REQUIRE(b.owned() > 0);
        for (std::size_t z = 0; z < b.mz(); ++z)
          for (std::size_t y = 0; y < b.my(); ++y)
            for (std::size_t x = 0; x < b.mx(); ++x)
              ++cover[((b.start[0] + z) * levels[k].ny + b.start[1] + y) * levels[k].nx + b.start[2] + x];
        if (k + 1 < levels.size())  // a process's coarse cells have their children on the same process
          for (int a = 0; a < 3; ++a) {
            const Box& c = all[std::size_t(r)][k + 1];
            REQUIRE(b.start[std::size_t(a)] == 2 * c.start[std::size_t(a)]);
            REQUIRE((b.count[std::size_t(a)] + 1) / 2 == c.count[std::size_t(a)]);
          }
      }
      for (int v : cover) REQUIRE(v == 1);
    }
  }
  REQUIRE_THROWS_AS(chooseProcessGrid({2, 1, 1}, 3), std::invalid_argument);
}

TEST_CASE("the voxel operator equals the matrix assembled from its face rule", "[operator]") {
  for (bool periodic : {true, false})
    for (bool cell : {false, true})
      for (const Extent e : {Extent{5, 4, 3}, Extent{3, 1, 6}, Extent{4, 2, 1}}) {
        const RandomFaces rule{e, periodic, 11};
        VoxelOperator A(wholeBox(e), conditions(periodic), cell);
        A.setFaces(rule);
        if (cell) A.setCellTerm([](std::size_t z, std::size_t y, std::size_t x) { return float(0.01 * (z + 2 * y + 3 * x + 1)); });
        A.finish();
        const Eigen::MatrixXd M = denseFromRule(e, periodic, rule, A);
        REQUIRE((M - M.transpose()).norm() == 0.0);
        const Box& b = A.box();
        Field<double> x = makeField<double>(b), y = makeField<double>(b);
        Eigen::VectorXd v = Eigen::VectorXd::Random(long(e.size()));
        setOwned(b, x, v);
        LocalHalo(b, A.conditions()).exchange(x.data());
        const double dot = apply(A, x.data(), y.data(), true);
        const Eigen::VectorXd expected = M * v;
        REQUIRE((owned(b, y) - expected).norm() <= 1e-6 * expected.norm());
        REQUIRE(dot == Approx(v.dot(expected)).epsilon(1e-6));
        // Diagonal: faces plus cell term, as the matrix's.
        for (long i = 0; i < long(e.size()); ++i) {
          const long z = i / long(e.ny * e.nx), yy = i / long(e.nx) % long(e.ny), xx = i % long(e.nx);
          REQUIRE(1.0 / A.inverseDiagonal()[b.at(z, yy, xx)] == Approx(M(i, i)).epsilon(1e-6));
        }
      }
}

TEST_CASE("coarse faces take half the fine faces across them and coarse cells sum their children", "[operator]") {
  for (bool periodic : {true, false}) {
    const Extent e{7, 5, 6};  // odd sizes: the last coarse cells have one child along z and y
    const RandomFaces rule{e, periodic, 3};
    VoxelOperator A(wholeBox(e), conditions(periodic), true);
    A.setFaces(rule);
    A.setCellTerm([](std::size_t z, std::size_t y, std::size_t x) { return float(z + 10 * y + 100 * x); });
    A.finish();
    const Extent ce{4, 3, 3};
    const VoxelOperator C = A.coarsened(wholeBox(ce));
    const Box& cb = C.box();
    for (long Z = 0; Z < 4; ++Z)
      for (long Y = 0; Y < 3; ++Y)
        for (long X = 0; X < 3; ++X) {
          double sx = 0, sy = 0, sz = 0, cell = 0;
          for (long z = 2 * Z; z < std::min(2 * Z + 2, 7L); ++z)
            for (long y = 2 * Y; y < std::min(2 * Y + 2, 5L); ++y)
              for (long x = 2 * X; x < std::min(2 * X + 2, 6L); ++x) {
                cell += double(z + 10 * y + 100 * x);
                // Faces leaving the block in +x, +y, +z (the rule's faces, wraps included).
                if (x == std::min(2 * X + 1, 5L) && (periodic || x < 5)) sx += rule(2, z, y, x);
                if (y == std::min(2 * Y + 1, 4L) && (periodic || y < 4)) sy += rule(1, z, y, x);
                if (z == std::min(2 * Z + 1, 6L)) sz += rule(0, z, y, x);
              }
          const std::size_t I = cb.at(Z, Y, X);
          REQUIRE(C.faces(2)[I] == Approx(0.5 * sx).epsilon(1e-6));
          REQUIRE(C.faces(1)[I] == Approx(0.5 * sy).epsilon(1e-6));
          REQUIRE(C.faces(0)[I] == Approx(0.5 * sz).epsilon(1e-6));
          REQUIRE(C.cellTerm()[I] == Approx(cell));
        }
    // The low z boundary faces go down as well: the coarse ghost below.
    double in = 0;
    for (long y = 0; y < 2; ++y)
      for (long x = 0; x < 2; ++x) in += rule(0, -1, y, x);
    REQUIRE(C.faces(0)[cb.at(-1, 0, 0)] == Approx(0.5 * in));
  }
  // A periodic axis one coarse cell across has no faces (they would join the cell to itself).
  VoxelOperator A(wholeBox({4, 2, 2}), conditions(true), false);
  A.setFaces([](int, long, long, long) { return 1.0f; });
  A.finish();
  const VoxelOperator C = A.coarsened(wholeBox({2, 1, 1}));
  REQUIRE(C.faces(2)[C.box().at(0, 0, 0)] == 0.0f);
  REQUIRE(C.faces(1)[C.box().at(0, 0, 0)] == 0.0f);
  REQUIRE(C.faces(0)[C.box().at(0, 0, 0)] == 2.0f);
}

TEST_CASE("a uniform chain with a cell term solves to the discrete exponential profile", "[krylov]") {
  // 1D along z: faces g, cell term c, Dirichlet 1 below (face g half a cell
  // out: conductance 2g) and 0 above. The discrete solution is
  // u_k = A l^k + B l^-k with g (l + 1/l) = 2g + c: an analytic answer.
  const std::size_t n = 64;
  const double g = 1.0, c = 1.0 / 128, gb = 2.0;  // exact in single precision, as the operator stores them
  VoxelOperator A(wholeBox({n, 1, 1}), conditions(true), true);
  A.setFaces([&](int axis, long z, long, long) -> float {
    if (axis != 0) return 0.0f;
    return z < 0 || z == long(n) - 1 ? float(gb) : float(g);
  });
  A.setCellTerm([&](std::size_t, std::size_t, std::size_t) { return float(c); });
  A.finish();
  const double l = (2 * g + c + std::sqrt((2 * g + c) * (2 * g + c) - 4 * g * g)) / (2 * g);
  // Boundary rows: (g + gb + c) u_0 - g u_1 = gb, (g + gb + c) u_n-1 - g u_n-2 = 0.
  Eigen::Matrix2d m;
  Eigen::Vector2d rhs(gb, 0.0);
  auto u = [&](double k, double a, double b) { return a * std::pow(l, k) + b * std::pow(l, -k); };
  m << (g + gb + c) * u(0, 1, 0) - g * u(1, 1, 0), (g + gb + c) * u(0, 0, 1) - g * u(1, 0, 1),
      (g + gb + c) * u(double(n) - 1, 1, 0) - g * u(double(n) - 2, 1, 0),
      (g + gb + c) * u(double(n) - 1, 0, 1) - g * u(double(n) - 2, 0, 1);
  const Eigen::Vector2d ab = m.fullPivLu().solve(rhs);
  const Box& b = A.box();
  const std::vector<Box> boxes{b, wholeBox({32, 1, 1}), wholeBox({16, 1, 1}), wholeBox({8, 1, 1})};
  LocalHaloFactory halos;
  Multigrid mg(A, boxes, halos);
  REQUIRE(mg.levels() == 4);
  Field<double> rhsField = makeField<double>(b), x = makeField<double>(b);
  addDirichlet(A, 0, 0, 1.0, rhsField.data());
  const KrylovResult r = conjugateGradient(A, mg.halo(0), &mg, rhsField, x, {1e-12, 200});
  REQUIRE(r.converged);
  for (std::size_t k = 0; k < n; ++k) REQUIRE(x[b.at(long(k), 0, 0)] == Approx(u(double(k), ab[0], ab[1])).epsilon(1e-9));
  // The current through the Dirichlet face balances the cell sinks.
  double sink = 0;
  for (std::size_t k = 0; k < n; ++k) sink += c * x[b.at(long(k), 0, 0)];
  const double in = dirichletInflow(A, 0, 0, 1.0, x.data()), out = -dirichletInflow(A, 0, 1, 0.0, x.data());
  REQUIRE(in == Approx(sink + out).epsilon(1e-9));
}

TEST_CASE("multigrid CG and Jacobi CG solve random operators; thread count changes nothing", "[krylov]") {
  for (bool periodic : {true, false})
    for (bool cell : {false, true}) {
      const Extent e{25, 19, 21};  // odd sizes: coarse levels round up
      const VoxelOperator A = randomOperator(e, periodic, cell, 5);
      const Box& b = A.box();
      const auto boxes = levelBoxes(levelExtents(e), {}, 0);
      REQUIRE(boxes.size() == 3);
      LocalHaloFactory halos;
      Multigrid mg(A, boxes, halos);
      // A manufactured solution: b = A x*.
      Field<double> xs = makeField<double>(b), rhs = makeField<double>(b);
      for (long z = 0; z < long(e.nz); ++z)
        for (long y = 0; y < long(e.ny); ++y)
          for (long x = 0; x < long(e.nx); ++x) xs[b.at(z, y, x)] = std::sin(0.3 * double(z)) + 0.1 * double(x * y);
      mg.halo(0).exchange(xs.data());
      apply(A, xs.data(), rhs.data());
      auto solve = [&](Multigrid* m) {
        Field<double> bb = rhs, x = makeField<double>(b);
        const KrylovResult r = conjugateGradient(A, mg.halo(0), m, bb, x, {1e-11, 3000});
        REQUIRE(r.converged);
        double err = 0, norm = 0;
        for (long z = 0; z < long(e.nz); ++z)
          for (long y = 0; y < long(e.ny); ++y)
            for (long xx = 0; xx < long(e.nx); ++xx) {
              const std::size_t i = b.at(z, y, xx);
              err = std::max(err, std::abs(x[i] - xs[i]));
              norm = std::max(norm, std::abs(xs[i]));
            }
        REQUIRE(err <= 1e-8 * norm);
        return std::pair(r.iterations, x);
      };
      const auto [itMg, xMg] = solve(&mg);
      const auto [itJacobi, xJacobi] = solve(nullptr);
      REQUIRE(itMg < itJacobi / 3);
      REQUIRE(itMg <= 15);
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      Multigrid mg1(A, boxes, halos);
      const auto [itOne, xOne] = solve(&mg1);
      REQUIRE(itOne == itMg);
      REQUIRE(xOne == xMg);
    }
}

TEST_CASE("GMRES with the block multigrid solves a coupled non-symmetric two-component system", "[krylov]") {
  // Two components on one box, each with its own faces and cell terms, and
  // random couplings between them, across cells and components (not
  // symmetric). Independent answer: a dense LU of the assembled matrix.
  const Extent e{6, 4, 5};
  const bool periodic = true;
  std::vector<VoxelOperator> parts{randomOperator(e, periodic, true, 1), randomOperator(e, periodic, false, 2)};
  BlockOperator A(std::move(parts));
  const Box& b = A.box();
  const long n = long(e.size());
  auto ownedIndex = [&](long k) {
    return b.at(k / long(e.ny * e.nx), k / long(e.nx) % long(e.ny), k % long(e.nx));
  };
  core::Rng rng(9, 0);
  for (int k = 0; k < 60; ++k) {
    Coupling c;
    const long i = long(rng.below(std::uint64_t(n))), j = long(rng.below(std::uint64_t(n)));
    c.row = std::uint32_t(ownedIndex(i));
    c.col = std::uint32_t(ownedIndex(j));
    c.rowComponent = std::uint16_t(rng.below(2));
    c.colComponent = std::uint16_t(rng.below(2));
    c.value = 0.3 * (rng.uniform() - 0.5);
    A.couplings().push_back(c);
  }
  // Dense: each component's matrix from its face rule, plus the couplings.
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(2 * n, 2 * n);
  M.topLeftCorner(n, n) = denseFromRule(e, periodic, RandomFaces{e, periodic, 1}, A.component(0));
  M.bottomRightCorner(n, n) = denseFromRule(e, periodic, RandomFaces{e, periodic, 2}, A.component(1));
  std::vector<long> flatOf(b.size(), -1);
  for (long k = 0; k < n; ++k) flatOf[ownedIndex(k)] = k;
  for (const Coupling& c : A.couplings())
    M(c.rowComponent * n + flatOf[c.row], c.colComponent * n + flatOf[c.col]) += c.value;
  REQUIRE((M - M.transpose()).norm() > 0.1);
  const Eigen::VectorXd rhs = Eigen::VectorXd::LinSpaced(2 * n, -1.0, 2.0);
  const Eigen::VectorXd expected = M.fullPivLu().solve(rhs);
  BlockVector bb = makeBlockVector(b, 2), x = makeBlockVector(b, 2);
  for (long k = 0; k < n; ++k) {
    bb[0][ownedIndex(k)] = rhs[k];
    bb[1][ownedIndex(k)] = rhs[n + k];
  }
  LocalHaloFactory halos;
  BlockMultigrid M1(A, levelBoxes(levelExtents(e), {}, 0), halos);
  LocalHalo halo(b, A.component(0).conditions());
  for (int restart : {30, 4}) {
    BlockVector xx = x;
    const KrylovResult r = gmres(A, halo, M1, bb, xx, {1e-11, 400, restart});
    REQUIRE(r.converged);
    for (long k = 0; k < n; ++k) {
      REQUIRE(xx[0][ownedIndex(k)] == Approx(expected[k]).margin(1e-8));
      REQUIRE(xx[1][ownedIndex(k)] == Approx(expected[n + k]).margin(1e-8));
    }
  }
}

TEST_CASE("a Neumann inflow through a chain reaches a Dirichlet side: the exact linear profile", "[operator]") {
  // Along z: faces g between cells, a Dirichlet face 2g half a cell beyond
  // the last cell (held at 0), nothing through the first side but a given
  // inflow q per face. All of q crosses every face: x_{n-1} = q / (2g),
  // x_k = x_{k+1} + q / g.
  const std::size_t n = 12;
  const double g = 0.5, q = 3.0;
  BoundaryConditions c;
  c.side = {{{Boundary::Neumann, Boundary::Dirichlet}, {Boundary::Periodic, Boundary::Periodic},
             {Boundary::Periodic, Boundary::Periodic}}};
  VoxelOperator A(wholeBox({n, 1, 1}), c);
  A.setFaces([&](int axis, long z, long, long) -> float {
    if (axis != 0 || z < 0) return 0.0f;  // the Neumann side has no face conductance
    return z == long(n) - 1 ? float(2 * g) : float(g);
  });
  A.finish();
  Field<double> b = makeField<double>(A.box()), x = makeField<double>(A.box());
  addNeumann(A, 0, 0, q, b.data());
  addDirichlet(A, 0, 1, 0.0, b.data());
  const LocalHalo halo(A.box(), c);
  REQUIRE(conjugateGradient(A, halo, nullptr, b, x, {1e-13, 100}).converged);
  double expected = q / (2 * g);
  for (long k = long(n) - 1; k >= 0; --k) {
    REQUIRE(x[A.box().at(k, 0, 0)] == Approx(expected).epsilon(1e-10));
    expected += q / g;
  }
  REQUIRE(-dirichletInflow(A, 0, 1, 0.0, x.data()) == Approx(q).epsilon(1e-10));
}

TEST_CASE("couplings indexed by the slab of their row are added slab by slab to the same bits", "[block]") {
  const Extent e{7, 4, 5};
  std::vector<VoxelOperator> parts{randomOperator(e, true, true, 1), randomOperator(e, true, false, 2)};
  BlockOperator A(std::move(parts));
  const Box& b = A.box();
  core::Rng rng(4, 0);
  // Couplings grouped by the slab of their row (several per row, columns anywhere).
  std::vector<std::size_t> start{0};
  std::vector<Coupling> list;
  for (std::size_t z = 0; z < e.nz; ++z) {
    for (int k = 0; k < 40; ++k) {
      Coupling c;
      c.row = std::uint32_t(b.at(long(z), long(rng.below(e.ny)), long(rng.below(e.nx))));
      c.col = std::uint32_t(b.at(long(rng.below(e.nz)), long(rng.below(e.ny)), long(rng.below(e.nx))));
      c.rowComponent = std::uint16_t(rng.below(2));
      c.colComponent = std::uint16_t(rng.below(2));
      c.value = rng.uniform() - 0.5;
      list.push_back(c);
    }
    start.push_back(list.size());
  }
  BlockVector x = makeBlockVector(b, 2), serial = makeBlockVector(b, 2), slabs = makeBlockVector(b, 2);
  for (auto& f : x)
    for (double& v : f) v = rng.uniform();
  A.couplings() = list;
  A.apply(x, serial);
  A.indexCouplingsBySlab(start);
  A.apply(x, slabs);
  REQUIRE(serial == slabs);
  // An index that puts a row in the wrong slab, or misses couplings, is refused.
  std::vector<std::size_t> shifted = start;
  shifted[1] += 1;
  REQUIRE_THROWS_AS(A.indexCouplingsBySlab(shifted), std::invalid_argument);
  std::vector<std::size_t> short_ = start;
  short_.back() -= 1;
  REQUIRE_THROWS_AS(A.indexCouplingsBySlab(short_), std::invalid_argument);
  // Changing the couplings drops the index: applied in one pass again.
  A.couplings().pop_back();
  A.apply(x, slabs);
}
