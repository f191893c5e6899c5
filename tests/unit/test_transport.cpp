#include <catch2/catch.hpp>

#include <cmath>
#include <tbb/global_control.h>

#include "core/Phase.hpp"
#include "transport/Effective.hpp"
#include "numerics/Solver.hpp"
#include "parallel/PetscSolver.hpp"
#include "parallel/Session.hpp"

using namespace ssb;
using namespace ssb::transport;
using core::kCAM;
using core::kPore;
using core::kSE;

namespace {
numerics::KrylovOptions tight() {
  numerics::KrylovOptions s;
  s.relativeTolerance = 1e-11;
  return s;
}
// The shared-memory multigrid-preconditioned CG (effcond's default).
numerics::SharedMemorySolver mg;
EffectiveResult effective(const core::Grid<std::uint8_t>& g, const core::Grid<std::uint8_t>* m, const ConductionOptions& o,
                          const numerics::KrylovOptions& k, numerics::Solver& solver = mg) {
  return effectiveConductivity(g, m, o, k, solver);
}
ConductionOptions se(double sigma = 1.0) {
  ConductionOptions o;
  o.phase = kSE;
  o.conductivity_S_per_m = sigma;
  return o;
}
}  // namespace

TEST_CASE("a full block has tau = 1 and sigma_eff = sigma", "[effcond]") {
  core::Grid<std::uint8_t> g(12, 7, 9, 1e-7, kSE);
  for (bool periodic : {true, false}) {
    auto o = se(3.0);
    o.sides = periodic ? core::Sides::Periodic : core::Sides::Bounded;
    const auto r = effective(g, nullptr, o, tight());
    REQUIRE(r.converged);
    REQUIRE(r.sigmaEff_S_per_m == Approx(3.0).epsilon(1e-6));
    REQUIRE(*r.tortuosity == Approx(1.0).epsilon(1e-6));
    REQUIRE(r.relativeFluxImbalance < 1e-6);
  }
}

TEST_CASE("parallel layers give the arithmetic mean, series layers the harmonic mean", "[effcond]") {
  const double s1 = 1.0, s2 = 10.0;
  // Layers normal to x (parallel to the flow along z): arithmetic mean.
  core::Grid<std::uint8_t> g(16, 8, 8, 1e-6, kSE);
  std::vector<double> par(g.size()), ser(g.size());
  for (std::size_t z = 0; z < 16; ++z)
    for (std::size_t y = 0; y < 8; ++y)
      for (std::size_t x = 0; x < 8; ++x) {
        par[g.index(z, y, x)] = x < 4 ? s1 : s2;
        ser[g.index(z, y, x)] = z < 8 ? s1 : s2;
      }
  auto o = se();
  o.cellConductivity_S_per_m = &par;
  REQUIRE(effective(g, nullptr, o, tight()).sigmaEff_S_per_m == Approx((s1 + s2) / 2).epsilon(1e-6));
  o.cellConductivity_S_per_m = &ser;
  // Series: 8 cells of each; the face between the layers takes the harmonic
  // mean, which is exactly the series resistance of the two half cells.
  REQUIRE(effective(g, nullptr, o, tight()).sigmaEff_S_per_m ==
          Approx(2.0 / (1.0 / s1 + 1.0 / s2)).epsilon(1e-6));
}

TEST_CASE("straight channels: sigma_eff = eps sigma and tau = 1", "[effcond]") {
  core::Grid<std::uint8_t> g(20, 10, 10, 1e-7, kPore);
  std::size_t channel = 0;
  for (std::size_t z = 0; z < 20; ++z)
    for (std::size_t y = 0; y < 10; ++y)
      for (std::size_t x = 0; x < 10; ++x)
        if ((y < 3 && x < 2) || (y > 6 && x > 5)) { g(z, y, x) = kSE; if (z == 0) ++channel; }
  const auto r = effective(g, nullptr, se(2.0), tight());
  const double eps = double(channel) / 100.0;
  REQUIRE(r.volumeFraction == Approx(eps));
  REQUIRE(r.sigmaEff_S_per_m == Approx(eps * 2.0).epsilon(1e-6));
  REQUIRE(*r.tortuosity == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("a dead end gives tau = inf without a solve, and isolated clusters are excluded", "[effcond]") {
  core::Grid<std::uint8_t> g(10, 5, 5, 1e-7, kCAM);
  for (std::size_t z = 0; z < 9; ++z) g(z, 2, 2) = kSE;  // stops one slice short
  auto r = effective(g, nullptr, se(), tight());
  REQUIRE_FALSE(r.tortuosity);
  REQUIRE(r.sigmaEff_S_per_m == 0.0);
  REQUIRE(r.iterations == 0);
  REQUIRE(r.isolatedVoxels == 9);
  // Add a through channel: the dead end stays out of the solve.
  for (std::size_t z = 0; z < 10; ++z) g(z, 0, 0) = kSE;
  r = effective(g, nullptr, se(), tight());
  REQUIRE(r.unknowns == 10);
  REQUIRE(r.isolatedVoxels == 9);
  REQUIRE(r.sigmaEff_S_per_m == Approx(1.0 / 25).epsilon(1e-6));
}

TEST_CASE("grain boundaries add n R_GB in series", "[effcond]") {
  // A column of 4 grains of 5 voxels along z: 3 GBs between them.
  const double sigma = 0.0769, h = 1e-7, rgb = 3.72e-4;  // S/m, m, ohm m^2 (3.72 ohm cm^2)
  core::Grid<std::uint8_t> g(20, 3, 3, h, kSE), m(20, 3, 3, h, 0);
  for (std::size_t z = 0; z < 20; ++z)
    for (std::size_t i = 0; i < 9; ++i) m.values()[z * 9 + i] = std::uint8_t(1 + z / 5);
  auto o = se(sigma);
  o.gbResistance_ohm_m2 = rgb;
  const auto r = effective(g, &m, o, tight());
  REQUIRE(r.gbFaces == 3 * 9);
  // Area-specific resistance of the column: bulk L/sigma plus 3 R_GB.
  const double L = 20 * h, asr = L / sigma + 3 * rgb;
  REQUIRE(r.sigmaEff_S_per_m == Approx(L / asr).epsilon(1e-6));
}

TEST_CASE("tilted channels approach tau^2 = 2 as resolution grows", "[effcond]") {
  // A 45-degree staircase channel in the x-z plane, periodic in x, of width
  // w voxels: path length sqrt2 L. Voxel staircases conduct through faces
  // only, so tau^2 converges to 2 from above as w grows.
  std::vector<double> tau2;
  for (std::size_t w : {2u, 4u, 8u}) {
    const std::size_t n = 8 * w;
    core::Grid<std::uint8_t> g(n, 1, n, 1e-7, kPore);
    for (std::size_t z = 0; z < n; ++z)
      for (std::size_t k = 0; k < 2 * w; ++k) g(z, 0, (z + k) % n) = kSE;
    const auto r = effective(g, nullptr, se(), tight());
    tau2.push_back(*r.tortuosity * *r.tortuosity);
  }
  for (double t : tau2) REQUIRE(t >= 2.0 - 1e-9);
  REQUIRE(tau2[2] < tau2[0]);
  REQUIRE(tau2[2] == Approx(2.0).epsilon(0.1));
}

TEST_CASE("multigrid and Jacobi-CG agree; results do not depend on the thread count", "[effcond]") {
  core::Grid<std::uint8_t> g(24, 20, 20, 1e-7, kPore);
  std::uint64_t state = 12345;
  for (auto& v : g) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    v = (state >> 33) % 100 < 65 ? kSE : kCAM;
  }
  auto so = tight();
  const auto withMg = effective(g, nullptr, se(), so);
  numerics::SharedMemorySolver jacobi(false);
  so.maxIterations = 5000;
  const auto jc = effective(g, nullptr, se(), so, jacobi);
  REQUIRE(withMg.sigmaEff_S_per_m == Approx(jc.sigmaEff_S_per_m).epsilon(1e-6));
  REQUIRE(withMg.iterations < jc.iterations);
  REQUIRE(withMg.relativeFluxImbalance < 1e-6);
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const auto single = effective(g, nullptr, se(), tight());
  REQUIRE(single.sigmaEff_S_per_m == withMg.sigmaEff_S_per_m);
  REQUIRE(single.iterations == withMg.iterations);
}

TEST_CASE("the multigrid inside PETSc (KSP with the ssbvox cycle) repeats the shared-memory solver", "[effcond]") {
  parallel::Session session("");
  parallel::PetscSolver petscMg("mg");
  core::Grid<std::uint8_t> g(21, 13, 11, 1e-7, kPore);  // odd sizes: coarse levels round up
  std::uint64_t state = 777;
  for (auto& v : g) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    v = (state >> 33) % 100 < 70 ? kSE : kCAM;
  }
  core::Grid<std::uint8_t> ids(g.shape(), g.voxelSize_m(), 0);  // grains of 3 x 3 x 3 voxels, 8 ids
  for (std::size_t z = 0; z < g.nz(); ++z)
    for (std::size_t y = 0; y < g.ny(); ++y)
      for (std::size_t x = 0; x < g.nx(); ++x) ids(z, y, x) = std::uint8_t(1 + (z / 3 + 2 * (y / 3) + 5 * (x / 3)) % 8);
  for (int variant = 0; variant < 3; ++variant) {
    const bool periodic = variant != 1, gb = variant == 2;
    auto o = se();
    o.sides = periodic ? core::Sides::Periodic : core::Sides::Bounded;
    if (gb) o.gbResistance_ohm_m2 = 1e-6;
    auto so = tight();
    const auto shared = effective(g, gb ? &ids : nullptr, o, so);
    const auto pcmg = effective(g, gb ? &ids : nullptr, o, so, petscMg);
    if (gb) REQUIRE(pcmg.gbFaces == shared.gbFaces);
    if (gb) REQUIRE(shared.gbFaces > 0);
    REQUIRE(pcmg.converged);
    REQUIRE(pcmg.sigmaEff_S_per_m == Approx(shared.sigmaEff_S_per_m).epsilon(1e-8));
    // The same method (one multigrid code); the Krylov methods are two, and
    // their sums in different orders may cost one iteration at the strong
    // contrast of the GB faces.
    REQUIRE(std::abs(pcmg.iterations - shared.iterations) <= (gb ? 1 : 0));
    REQUIRE(pcmg.levels == shared.levels);
    REQUIRE(pcmg.relativeFluxImbalance < 1e-6);
  }
  // Series layers through PETSc: the harmonic mean, exactly.
  core::Grid<std::uint8_t> block(16, 8, 8, 1e-6, kSE);
  std::vector<double> ser(block.size());
  for (std::size_t i = 0; i < block.size(); ++i) ser[i] = i < block.size() / 2 ? 1.0 : 10.0;
  auto o = se();
  o.cellConductivity_S_per_m = &ser;
  REQUIRE(effective(block, nullptr, o, tight(), petscMg).sigmaEff_S_per_m == Approx(2.0 / (1.0 + 0.1)).epsilon(1e-6));
}

TEST_CASE("the dry run's memory estimate follows the measured peaks", "[effcond]") {
  // Peaks measured at 250 x 250 x 500 voxels, one phase (docs/benchmarks.md):
  // mg 2081560 KiB; petsc-mg 3328988 KiB on one process, 1805496 KiB per process on two.
  const std::uint64_t voxels = 250ull * 250 * 500;
  REQUIRE(estimatedMemory_bytes(voxels) == Approx(2081560 * 1024.0).epsilon(0.15));
  REQUIRE(estimatedMemory_bytes(voxels, "petsc-mg", 1) == Approx(3328988 * 1024.0).epsilon(0.15));
  REQUIRE(estimatedMemory_bytes(voxels, "petsc-mg", 2) == Approx(1805496 * 1024.0).epsilon(0.15));
  REQUIRE(estimatedMemory_bytes(voxels, "petsc-hypre", 2) < estimatedMemory_bytes(voxels, "petsc-hypre", 1));
}
