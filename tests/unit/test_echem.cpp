#include <catch2/catch.hpp>

#include <cmath>

#include "core/Phase.hpp"
#include "core/Rng.hpp"
#include "echem/Discharge.hpp"
#include "echem/Cell.hpp"
#include "echem/Kinetics.hpp"
#include "materials/Constants.hpp"
#include "materials/Material.hpp"
#include "numerics/Solver.hpp"
#include "DischargeCells.hpp"

using namespace ssb;
using namespace ssb::echem;
using ssb::testing::randomCell;
using numerics::BlockVector;

TEST_CASE("a face law in series with a resistance splits the drop exactly", "[kinetics]") {
  const double f = materials::kFaraday / (materials::kGasConstant * 298.15);
  const ButlerVolmer bv{5.0, 0.5, f};
  for (double d : {-1.0, -0.2, -1e-3, 0.0, 2e-3, 0.3}) {
    for (double r : {0.0, 1e-4, 1e-2, 1.0}) {
      const SeriesFace s = solveSeries(bv, d, r);
      REQUIRE(s.current == Approx(bv.current(d - r * s.current)).margin(1e-9 * std::max(1.0, std::abs(s.current))));
      // The slope against a central difference.
      const double e = 1e-7;
      const double fd = (solveSeries(bv, d + e, r).current - solveSeries(bv, d - e, r).current) / (2 * e);
      REQUIRE(s.slope == Approx(fd).epsilon(1e-5).margin(1e-9));
    }
  }
  // Small drops: the linearised laws, R_ct = 1/(i0 f) for Butler-Volmer and
  // R_GB = 1/(i0 f) for the grain-boundary law (Eq. 1 linearised: R T/(F i_GB0)).
  REQUIRE(solveSeries(bv, 1e-6, 0.0).current == Approx(1e-6 * 5.0 * f).epsilon(1e-6));
  const GrainBoundaryLaw gb{70.0, f};
  REQUIRE(gb.current(1e-6) == Approx(1e-6 * 70.0 * f).epsilon(1e-6));
}

TEST_CASE("a face with a sub-voxel surface solves its law at the extrapolated surface", "[kinetics]") {
  const double f = materials::kFaraday / (materials::kGasConstant * 298.15);
  // A smooth, decreasing open-circuit voltage.
  const auto ocv = [](double x, double& u, double& slope) {
    u = 4.2 - 0.5 * x * x;
    slope = -x;
  };
  const double i0max = 20.0, alpha = 0.5;
  for (double d : {4.2 - 0.5 * 0.25 - 0.3, 4.2 - 0.5 * 0.25 - 0.02, 4.2 - 0.5 * 0.25 + 0.05}) {
    for (double v : {0.5, 0.1, 1e-3}) {
      for (double r : {0.0, 1e-3}) {
        // k = 0: the voxel scheme, solveSeries with the voxel's Li fraction.
        double u = 0, us = 0;
        ocv(1 - v, u, us);
        const SeriesFace plain = solveSeries(ButlerVolmer{i0max * std::sqrt((1 - v) * v), alpha, f}, d - u, r);
        const SurfaceFace zero = solveSurface(i0max, alpha, f, ocv, d, v, r, 0.0, 1e-24);
        REQUIRE(zero.current == plain.current);
        REQUIRE(zero.dDrive == plain.slope);
        for (double k : {0.0, 1e-3, 0.05}) {
          const SurfaceFace sf = solveSurface(i0max, alpha, f, ocv, d, v, r, k, 1e-24);
          // The surface stays within [0, 1], is v + k i, and the law holds there.
          REQUIRE(sf.surfaceVacancy >= 0);
          REQUIRE(sf.surfaceVacancy <= 1);
          REQUIRE(sf.surfaceVacancy == Approx(v + k * sf.current).margin(1e-12));
          const double xs = 1 - sf.surfaceVacancy;
          double uS = 0, dummy = 0;
          ocv(xs, uS, dummy);
          const ButlerVolmer atSurface{i0max * std::sqrt(xs * sf.surfaceVacancy), alpha, f};
          REQUIRE(sf.current == Approx(atSurface.current(d - uS - r * sf.current)).margin(1e-10));
          // Filling (i < 0) a voxel at most half empty, the surface is
          // fuller than the voxel: a lower exchange current and OCV, so a
          // smaller current than the voxel scheme's.
          if (plain.current < 0 && v <= 0.5) REQUIRE(std::abs(sf.current) <= std::abs(plain.current) + 1e-12);
          // The derivatives against central differences.
          auto at = [&](double dd, double vv, double rr, double kk) {
            return solveSurface(i0max, alpha, f, ocv, dd, vv, rr, kk, 1e-24).current;
          };
          const double e = 1e-7;
          const double tol = 1e-9;
          REQUIRE(sf.dDrive == Approx((at(d + e, v, r, k) - at(d - e, v, r, k)) / (2 * e)).epsilon(1e-5).margin(tol));
          const double ev = std::min(1e-8, 0.1 * v);
          REQUIRE(sf.dVacancy == Approx((at(d, v + ev, r, k) - at(d, v - ev, r, k)) / (2 * ev)).epsilon(1e-4).margin(1e-6));
          if (k > 0)
            REQUIRE(sf.dK == Approx((at(d, v, r, k * (1 + 1e-6)) - at(d, v, r, k * (1 - 1e-6))) / (2e-6 * k)).epsilon(1e-4).margin(1e-6));
          if (r > 0)
            REQUIRE(sf.dR == Approx((at(d, v, r * (1 + 1e-6), k) - at(d, v, r * (1 - 1e-6), k)) / (2e-6 * r)).epsilon(1e-4).margin(1e-6));
        }
      }
    }
  }
}

TEST_CASE("the discharge Jacobian is the derivative of its residual", "[discharge]") {
  DischargeParameters p = testing::dischargeParameters();
  p.surfaceExtrapolation = GENERATE(false, true);
  p.gbExchangeCurrent_A_per_m2 = 70.0;  // i_GB0 = 7e-3 A/cm^2
  const CellGeometry cell = randomCell({5, 3, 4}, 2, 11);
  numerics::SharedMemorySolver solver;
  DischargeModel model(cell, p, solver);
  REQUIRE(model.gbFaces() > 0);
  REQUIRE(model.interfaceFaces() > 0);
  const numerics::Box& box = model.boxes().front();
  constexpr std::size_t E = DischargeModel::Electrolyte, S = DischargeModel::Solid, V = DischargeModel::Vacancy;
  BlockVector u = numerics::makeBlockVector(box, 3), udot = u, v = u;
  double s = 0;
  model.initialState(u, s);
  // A state away from equilibrium: potentials and empty-site fractions perturbed.
  core::Rng rng(5, 1);
  for (std::size_t i = 0; i < box.size(); ++i) {
    u[E][i] += 0.05 * (rng.uniform() - 0.5);
    u[S][i] += 0.05 * (rng.uniform() - 0.5);
    if (u[V][i] > 0) u[V][i] = 0.3 + 0.6 * rng.uniform();
    v[E][i] = rng.uniform() - 0.5;
    v[S][i] = rng.uniform() - 0.5;
    v[V][i] = u[V][i] > 0 ? rng.uniform() - 0.5 : 0.0;
    udot[V][i] = u[V][i] > 0 ? 1e-3 * rng.uniform() : 0.0;
  }
  // Beyond the z ends the operator's ghosts are held at zero (the anode's
  // and the collector's values enter through their laws and the border).
  for (long y = -1; y <= long(box.my()); ++y)
    for (long x = -1; x <= long(box.mx()); ++x)
      for (long z : {-1L, long(box.mz())})
        for (std::size_t c = 0; c < 3; ++c) v[c][box.at(z, y, x)] = 0.0;
  s = 3.9;
  const double vs = 0.3, shift = 50.0;
  for (std::size_t c = 0; c < 3; ++c) {
    model.halo().exchange(u[c].data());
    model.halo().exchange(v[c].data());
  }
  numerics::BorderedOperator J;
  model.jacobian(0.0, u, s, shift, J);
  BlockVector Jv = numerics::makeBlockVector(box, 3);
  double Jvs = 0;
  numerics::applyBordered(J, v, vs, Jv, Jvs, [](double x) { return x; });
  // Central difference of F(u, udot + shift du) along (v, vs).
  auto F = [&](double e, BlockVector& out, double& g) {
    BlockVector w = u, wdot = udot;
    for (std::size_t c = 0; c < 3; ++c)
      for (std::size_t i = 0; i < box.size(); ++i) {
        w[c][i] += e * v[c][i];
        wdot[c][i] += shift * e * v[c][i];
      }
    model.residual(0.0, w, wdot, s + e * vs, out, g);
  };
  const double e = 1e-7;
  BlockVector plus = numerics::makeBlockVector(box, 3), minus = plus;
  double gp = 0, gm = 0;
  F(e, plus, gp);
  F(-e, minus, gm);
  // Row by row: within 1e-6 of the row's value, plus the differences'
  // rounding floor (1e-9 of the component's largest row: the residual's
  // terms, up to sigma/h dphi ~ 1e8 A/m^2 in the CAM, cancel in a row).
  for (std::size_t c = 0; c < 3; ++c) {
    double largest = 0;
    for (long z = 0; z < long(box.mz()); ++z)
      for (long y = 0; y < long(box.my()); ++y)
        for (long x = 0; x < long(box.mx()); ++x) largest = std::max(largest, std::abs(Jv[c][box.at(z, y, x)]));
    REQUIRE(largest > 0);
    int bad = 0;
    for (long z = 0; z < long(box.mz()); ++z)
      for (long y = 0; y < long(box.my()); ++y)
        for (long x = 0; x < long(box.mx()); ++x) {
          const std::size_t i = box.at(z, y, x);
          const double fd = (plus[c][i] - minus[c][i]) / (2 * e);
          if (std::abs(fd - Jv[c][i]) > 1e-6 * std::abs(Jv[c][i]) + 1e-9 * largest) {
            ++bad;
            UNSCOPED_INFO("component " << c << " cell " << z << " " << y << " " << x << ": J v " << Jv[c][i]
                                       << ", differences " << fd);
          }
        }
    REQUIRE(bad == 0);
  }
  REQUIRE(Jvs == Approx((gp - gm) / (2 * e)).epsilon(1e-6));
}

TEST_CASE("a graded separator keeps its thickness, fine next to the cathode, growing towards the anode", "[cell]") {
  const double h = 2e-7;
  REQUIRE(gradedSeparator(125, h, {1.0, 2.0, 4.0}).empty());  // ratio 1: voxels
  REQUIRE(gradedSeparator(8, h, {1.5, 2.0, 4.0}).empty());    // no room past the fine part
  for (double ratio : {1.2, 1.5, 2.0})
    for (std::size_t slices : {20u, 37u, 125u}) {
      const std::vector<double> t = gradedSeparator(slices, h, {ratio, 2.0, 4.0});
      INFO("ratio " << ratio << ", " << slices << " slices");
      REQUIRE(!t.empty());
      double total = 0;
      for (double v : t) total += v;
      REQUIRE(total == Approx(double(slices) * h).epsilon(1e-12));
      for (std::size_t k = 0; k < 10; ++k) REQUIRE(t[t.size() - 1 - k] == h);  // 2 um of 0.2 um voxels
      for (std::size_t k = 0; k + 1 < t.size(); ++k) {
        REQUIRE(t[k] <= 4.0 * h * 1.5 + 1e-15);  // the cap, or the last slice's remainder beside it
        if (k + 2 < t.size()) REQUIRE(t[k + 1] <= t[k] * 1.0000001 + (k == 0 ? 4 * h : 0));
      }
      REQUIRE(t.size() < slices);
    }
}

TEST_CASE("a box not divisible by the coarsening factor loses its last voxels", "[cell]") {
  core::VoxelVolume v;
  v.phase = core::Grid<std::uint8_t>({7, 6, 5}, 1e-7, core::kSE);
  for (std::size_t z = 0; z < 7; ++z)
    for (std::size_t y = 0; y < 6; ++y)
      for (std::size_t x = 0; x < 5; ++x)
        if (x < 2) v.phase(z, y, x) = core::kCAM;
  const CellBuild b = buildCell(v, 2, 0.4, "test");
  REQUIRE(b.cropped.nz == 6);
  REQUIRE(b.cropped.ny == 6);
  REQUIRE(b.cropped.nx == 4);
  REQUIRE(b.cell.phase.shape().nz == 3 + 2);  // 6 / 2 slices of cathode and 0.4 um of 0.2 um separator
  REQUIRE(b.cell.phase.shape().nx == 2);
}
