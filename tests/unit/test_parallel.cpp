#include <catch2/catch.hpp>

#include <cmath>

#include "core/Rng.hpp"
#include "numerics/BlockOperator.hpp"
#include "numerics/Solver.hpp"
#include "parallel/PetscSolver.hpp"
#include "parallel/Session.hpp"

using namespace ssb;
using namespace ssb::numerics;

namespace {

// PETSc starts once per process (each test case runs in its own process
// under ctest, but a run of the whole executable shares one).
parallel::Session& session() {
  static parallel::Session s("");
  return s;
}

VoxelOperator component(const Extent& e, std::uint64_t seed, bool cell) {
  BoundaryConditions c;
  c.side = {{{Boundary::Dirichlet, Boundary::Dirichlet}, {Boundary::Periodic, Boundary::Periodic},
             {Boundary::Insulated, Boundary::Insulated}}};
  VoxelOperator A(wholeBox(e), c, cell);
  A.setFaces([&](int axis, long z, long y, long x) -> float {
    const long n = long(e.along(axis)), at = axis == 0 ? z : axis == 1 ? y : x;
    if (axis == 2 && (at < 0 || at == n - 1)) return 0.0f;  // insulated x sides
    if (axis == 0 && (at < 0 || at == n - 1)) return 1.0f;  // Dirichlet z faces
    const std::uint64_t key = ((std::uint64_t(z + 1) * 100 + std::uint64_t(y + 1)) * 100 + std::uint64_t(x + 1)) * 3 + std::uint64_t(axis);
    return float(0.2 + core::counterUniform(seed, 3, key));
  });
  if (cell) A.setCellTerm([](std::size_t z, std::size_t, std::size_t) { return float(0.01 * double(z + 1)); });
  A.finish();
  return A;
}

}  // namespace

TEST_CASE("the PETSc solver runs the same multigrid as the shared-memory one", "[parallel]") {
  session();
  const Extent e{19, 12, 14};
  const VoxelOperator A = component(e, 4, true);
  SharedMemorySolver shared;
  parallel::PetscSolver petscMg("mg");
  const auto boxes = shared.boxes(e);
  REQUIRE(petscMg.boxes(e) == boxes);  // one process: the same levels and boxes
  Field<double> b0 = makeField<double>(boxes[0]);
  addDirichlet(A, 0, 0, 1.0, b0.data());
  auto solve = [&](Solver& s) {
    Field<double> b = b0, x = makeField<double>(boxes[0]);
    const KrylovResult r = s.solve(A, boxes, b, x, {1e-10, 200});
    REQUIRE(r.converged);
    return std::pair(r.iterations, x);
  };
  const auto [itShared, xShared] = solve(shared);
  const auto [itPetsc, xPetsc] = solve(petscMg);
  REQUIRE(itPetsc == itShared);
  double diff = 0;
  for (std::size_t i = 0; i < xShared.size(); ++i) diff = std::max(diff, std::abs(xShared[i] - xPetsc[i]));
  REQUIRE(diff < 1e-8);
  // The gathered field is the owned values in C order.
  const auto all = petscMg.gather(boxes[0], xPetsc);
  REQUIRE(all.size() == e.size());
  REQUIRE(all[(3 * e.ny + 2) * e.nx + 5] == xPetsc[boxes[0].at(3, 2, 5)]);
  REQUIRE(petscMg.sum(2.5) == 2.5);
}

TEST_CASE("PETSc's GMRES with the block multigrid solves the coupled system GMRES on one process does", "[parallel]") {
  session();
  const Extent e{9, 6, 7};
  BlockOperator A({component(e, 1, true), component(e, 2, false)});
  const Box& box = A.box();
  core::Rng rng(3, 0);
  for (int k = 0; k < 40; ++k) {
    Coupling c;
    c.row = std::uint32_t(box.at(long(rng.below(e.nz)), long(rng.below(e.ny)), long(rng.below(e.nx))));
    c.col = std::uint32_t(box.at(long(rng.below(e.nz)), long(rng.below(e.ny)), long(rng.below(e.nx))));
    c.rowComponent = std::uint16_t(rng.below(2));
    c.colComponent = std::uint16_t(rng.below(2));
    c.value = 0.2 * (rng.uniform() - 0.5);
    A.couplings().push_back(c);
  }
  BlockVector b = makeBlockVector(box, 2);
  addDirichlet(A.component(0), 0, 0, 1.0, b[0].data());
  addDirichlet(A.component(1), 0, 1, -2.0, b[1].data());
  SharedMemorySolver shared;
  parallel::PetscSolver petscMg("mg");
  const auto boxes = shared.boxes(e);
  BlockVector xs = makeBlockVector(box, 2), xp = makeBlockVector(box, 2);
  REQUIRE(shared.solve(A, boxes, b, xs, {1e-11, 300, 30}).converged);
  REQUIRE(petscMg.solve(A, boxes, b, xp, {1e-11, 300, 30}).converged);
  // Both solve A x = b: the residual of each is tiny and they agree.
  BlockVector r = makeBlockVector(box, 2);
  A.apply(xp, r);
  double res = 0, norm = 0, diff = 0;
  for (std::size_t c = 0; c < 2; ++c)
    for (long z = 0; z < long(e.nz); ++z)
      for (long y = 0; y < long(e.ny); ++y)
        for (long x = 0; x < long(e.nx); ++x) {
          const std::size_t i = box.at(z, y, x);
          res += (b[c][i] - r[c][i]) * (b[c][i] - r[c][i]);
          norm += b[c][i] * b[c][i];
          diff = std::max(diff, std::abs(xp[c][i] - xs[c][i]));
        }
  REQUIRE(std::sqrt(res / norm) < 1e-9);
  REQUIRE(diff < 1e-8);
}

TEST_CASE("a failure on the only process is reported with its own exit code", "[parallel]") {
  REQUIRE(session().size() == 1);
  REQUIRE(session().reportFailure(2, "test: error: a line on stderr") == 2);
}

TEST_CASE("the assembled solvers agree with the multigrid", "[parallel]") {
  session();
  const Extent e{16, 9, 10};
  const VoxelOperator A = component(e, 8, false);
  for (const char* method : {"hypre", "gamg"}) {
    parallel::PetscSolver assembled(method), petscMg("mg");
    const auto boxes = petscMg.boxes(e);
    REQUIRE(assembled.boxes(e).size() == 1);  // no hierarchy of ssbvox's
    Field<double> b = makeField<double>(boxes[0]), x1 = makeField<double>(boxes[0]), x2 = x1;
    addDirichlet(A, 0, 0, 1.0, b.data());
    Field<double> b2 = b;
    REQUIRE(petscMg.solve(A, boxes, b, x1, {1e-10, 500}).converged);
    REQUIRE(assembled.solve(A, assembled.boxes(e), b2, x2, {1e-10, 2000}).converged);
    const double in1 = dirichletInflow(A, 0, 0, 1.0, x1.data()), in2 = dirichletInflow(A, 0, 0, 1.0, x2.data());
    REQUIRE(in1 == Approx(in2).epsilon(1e-7));
  }
}
