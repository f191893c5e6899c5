// Validation of discharge against independent answers: the open circuit,
// the exact loss budget of a layered 1D cell, grain boundaries in series,
// the Li balance of whole discharges, and a particle against the analytic
// solution of spherical diffusion (docs/validation.md, "discharge").
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/Phase.hpp"
#include "core/Rng.hpp"
#include "echem/Cell.hpp"
#include "echem/Discharge.hpp"
#include "echem/Run.hpp"
#include "materials/Constants.hpp"
#include "materials/Material.hpp"
#include "numerics/Solver.hpp"
#include "parallel/Session.hpp"
#include "parallel/TimeStepper.hpp"
#include "DischargeCells.hpp"

using namespace ssb;
using namespace ssb::echem;
using ssb::testing::randomCell;

namespace {

parallel::Session& session() {
  static parallel::Session s("");
  return s;
}

// A layered cell: `separator` slices of SE (material ids from `ids`, one
// per slice, or 0), then `cathode` slices of CAM, n x n laterally.
CellGeometry layeredCell(std::size_t separator, std::size_t cathode, double h, std::vector<std::uint8_t> ids = {}) {
  CellGeometry c;
  c.separatorSlices = separator;
  const core::Shape s{separator + cathode, 2, 2};
  c.phase = core::Grid<std::uint8_t>(s, h, core::kCAM);
  c.materialId = core::Grid<std::uint8_t>(s, h, 0);
  for (std::size_t z = 0; z < separator; ++z)
    for (std::size_t y = 0; y < 2; ++y)
      for (std::size_t x = 0; x < 2; ++x) {
        c.phase(z, y, x) = core::kSE;
        c.materialId(z, y, x) = ids.empty() ? 0 : ids[z];
      }
  return c;
}


DischargeResult discharge(const CellGeometry& cell, const DischargeParameters& p, double cutoff_V = 3.4,
                          numerics::IntegrationOptions o = {}) {
  session();
  numerics::SharedMemorySolver solver;
  DischargeModel model(cell, p, solver);
  o.newtonAbsoluteTolerance = model.newtonTolerance();
  parallel::TimeStepper stepper(model, o);
  return runDischarge(model, stepper, {cutoff_V});
}

// The drop of a symmetric (alpha = 1/2) Butler-Volmer face carrying i:
// i = 2 i0 sinh(f eta / 2).
double butlerVolmerDrop(double i, double i0, double f) { return 2 / f * std::asinh(i / (2 * i0)); }

}  // namespace

TEST_CASE("at zero current the voltage is the CAM's open-circuit voltage at x0", "[discharge]") {
  for (const auto& [cam, u0] : {std::pair<std::string, double>{"lco", 4.205}, {"nmc811", 4.2}}) {
    DischargeParameters p = testing::dischargeParameters(cam);
    p.current_A_per_m2 = 0;
    const DischargeResult r = discharge(randomCell({6, 4, 4}, 2, 3), p);
    INFO(cam);
    REQUIRE(r.complete);
    REQUIRE(r.initialVoltage_V == Approx(p.cam.openCircuitVoltage_V(p.cam.initialLithiation())).margin(1e-6));
    REQUIRE(r.initialVoltage_V == Approx(u0).margin(1e-3));  // the values MODEL.md states, to their digits
    // The open-circuit guess is the root at zero current: one start solve,
    // and Newton has nothing to do.
    REQUIRE(r.start.solves == 1);
    REQUIRE(r.start.newtonIterations == 0);
    REQUIRE(r.start.linearIterations == 0);
  }
}

TEST_CASE("a layered cell's initial voltage is the open-circuit voltage less its losses in series", "[discharge]") {
  // Anode charge transfer, the separator's and the cathode slab's ohmic
  // drops, and the interface's charge transfer, each exact for a 1D cell
  // (x = x0 throughout at t = 0): V = U0(x0) - eta_a - I L_sep / kappa -
  // I L_cam / sigma - eta_c. Small currents test the linearised sum
  // (R_ct = RT / (F i0)), 1 mA/cm^2 the laws themselves.
  const DischargeParameters base = testing::dischargeParameters();
  const double h = 2e-7, f = materials::kFaraday / (materials::kGasConstant * base.temperature_K);
  const std::size_t separator = 5, cathode = 4;
  const double x0 = base.cam.initialLithiation(), cmax = base.cam.maxConcentration_mol_per_cm3 * 1e6;
  const double i0c = base.cam.i00_A_cm2p5_per_mol1p5 * 1e-5 * std::sqrt(base.se.concentration_mol_per_cm3 * 1e6) *
                     std::sqrt(x0 * cmax) * std::sqrt((1 - x0) * cmax);
  const double i0a = base.anode.exchangeCurrent_A_per_cm2 * 1e4;
  const double kappa = base.se.conductivity_S_per_cm * 100, sigma = base.cam.conductivityAt_S_per_cm(x0) * 100;
  for (double current : {0.1, 10.0, 30.0}) {  // A/m^2
    DischargeParameters p = base;
    p.current_A_per_m2 = current;
    const DischargeResult r = discharge(layeredCell(separator, cathode, h), p);
    const double expected = p.cam.openCircuitVoltage_V(x0) - butlerVolmerDrop(current, i0a, f) -
                            current * double(separator) * h / kappa - current * double(cathode) * h / sigma -
                            butlerVolmerDrop(current, i0c, f);
    INFO("I = " << current << " A/m^2");
    REQUIRE(r.initialVoltage_V == Approx(expected).margin(1e-8));
    // The start's work is counted: at least one Newton iteration away from
    // the open-circuit guess, each with at least one Krylov iteration.
    REQUIRE(r.start.solves >= 1);
    REQUIRE(r.start.newtonIterations >= 1);
    REQUIRE(r.start.linearIterations >= r.start.newtonIterations);
    if (current < 1) {
      const double linear = p.cam.openCircuitVoltage_V(x0) -
                            current * (1 / (f * i0a) + double(separator) * h / kappa + double(cathode) * h / sigma +
                                       1 / (f * i0c));
      REQUIRE(r.initialVoltage_V == Approx(linear).margin(1e-7));
    }
  }
}

TEST_CASE("grain boundaries in series lower the voltage by n (2RT/F) asinh(i / (2 i_GB0))", "[discharge]") {
  // Separator slices in grains of ids 1 1 2 2 3 3 4 4: three planar grain
  // boundaries across the current; Eq. 1, i = 2 i_GB0 sinh(F dphi / (2RT)).
  const double h = 2e-7;
  const std::vector<std::uint8_t> grains{1, 1, 2, 2, 3, 3, 4, 4};
  const DischargeParameters base = testing::dischargeParameters();
  const double f = materials::kFaraday / (materials::kGasConstant * base.temperature_K);
  for (double current : {1.0, 10.0}) {
    for (double gbI0 : {7e3, 70.0}) {  // 0.7 and 7e-3 A/cm^2
      DischargeParameters p = base;
      p.current_A_per_m2 = current;
      const DischargeResult without = discharge(layeredCell(8, 3, h, grains), p);
      p.gbExchangeCurrent_A_per_m2 = gbI0;
      const DischargeResult with = discharge(layeredCell(8, 3, h, grains), p);
      INFO("I = " << current << " A/m^2, i_GB0 = " << gbI0 << " A/m^2");
      REQUIRE(without.initialVoltage_V - with.initialVoltage_V ==
              Approx(3 * 2 / f * std::asinh(current / (2 * gbI0))).epsilon(1e-6).margin(1e-9));
    }
  }
  // The calibration factor K: Eq. 1 with i_GB0 / K.
  DischargeParameters p = base;
  p.current_A_per_m2 = 10.0;
  const DischargeResult without = discharge(layeredCell(8, 3, h, grains), p);
  p.gbExchangeCurrent_A_per_m2 = 70.0;
  p.gbResistanceFactor = 10.0;
  const DischargeResult calibrated = discharge(layeredCell(8, 3, h, grains), p);
  REQUIRE(without.initialVoltage_V - calibrated.initialVoltage_V ==
          Approx(3 * 2 / f * std::asinh(10.0 / (2 * 7.0))).epsilon(1e-6).margin(1e-9));
}

TEST_CASE("whole discharges keep the Li balance and end at the cut-off", "[discharge]") {
  DischargeParameters p = testing::dischargeParameters();
  p.gbExchangeCurrent_A_per_m2 = 70.0;
  const CellGeometry cell = randomCell({6, 3, 3}, 2, 7);
  const DischargeResult r = discharge(cell, p);
  REQUIRE(r.complete);
  REQUIRE(r.lithiumBalanceError < 1e-6);
  REQUIRE(r.voltage_V.back() == Approx(3.4).margin(1e-5));
  REQUIRE(r.maxLithiation <= 1.0);
  // The capacity cannot exceed the CAM's room for Li: c_max (1 - x0) F per CAM volume.
  std::size_t cam = 0;
  for (std::size_t i = 0; i < cell.phase.size(); ++i) cam += cell.phase.data()[i] == core::kCAM;
  const double h = cell.phase.voxelSize_m(), area = double(cell.phase.shape().ny * cell.phase.shape().nx) * h * h;
  const double room_mAh_cm2 = p.cam.maxConcentration_mol_per_cm3 * 1e6 * (1 - p.cam.initialLithiation()) *
                              double(cam) * h * h * h * materials::kFaraday / area / 3.6 / 1e4;
  REQUIRE(r.capacityAtEnd_mAh_per_cm2 > 0.5 * room_mAh_cm2);
  REQUIRE(r.capacityAtEnd_mAh_per_cm2 < room_mAh_cm2);

  SECTION("the Jacobian's regularisation near saturation does not move the capacity") {
    for (double factor : {1e3, 1e-3}) {  // MODEL.md: within 0.1 % when changed by 1000x
      DischargeParameters q = p;
      q.jacobianRegularisation = factor * p.jacobianRegularisation;
      const DischargeResult s = discharge(cell, q);
      INFO("regularisation x " << factor);
      REQUIRE(s.complete);
      REQUIRE(s.capacityAtEnd_mAh_per_cm2 == Approx(r.capacityAtEnd_mAh_per_cm2).epsilon(1e-3));
    }
  }
}

namespace {

// Li fraction in a sphere of radius R filled at a constant flux j (mol/m^2/s)
// from x0 (Crank, The Mathematics of Diffusion, 2nd ed., Eq. 6.60 with the
// flux condition): x - x0 = j R / (D c_max) [3 D t / R^2 + r^2 / (2 R^2) -
// 3/10 - (2 R / r) sum sin(a_n r / R) / (a_n^2 sin a_n) exp(-D a_n^2 t / R^2)],
// a_n the positive roots of tan a = a.
double sphereLithiation(double r, double t, double R, double D, double cmax, double j, double x0) {
  const double rho = std::max(r / R, 1e-9), tau = D * t / (R * R);
  double series = 0;
  for (int n = 1; n <= 400; ++n) {
    // The root in (n pi, n pi + pi/2), by Newton on a - tan a from the asymptote.
    double a = (n + 0.5) * M_PI - 1.0 / ((n + 0.5) * M_PI);
    for (int k = 0; k < 50; ++k) {
      const double g = std::sin(a) * 1.0 - a * std::cos(a), dg = a * std::sin(a);
      a -= g / dg;
    }
    series += std::sin(a * rho) / (a * a * std::sin(a)) * std::exp(-a * a * tau);
  }
  return x0 + j * R / (D * cmax) * (3 * tau + 0.5 * rho * rho - 0.3 - 2 / rho * series);
}

// A hemisphere of CAM of radius R on the collector (its flat face there,
// where no Li crosses), in SE, behind a separator: by symmetry half of a
// sphere filled evenly through its surface. Returns the RMS difference of
// the voxels' Li fraction from the analytic one at their centres, at time
// t_end, relative to the analytic surface-to-centre spread.
double hemisphereError(double R, double h, double current, double t_end, double& spread) {
  const std::size_t n = std::size_t(std::ceil(2 * R / h)) + 4, depth = std::size_t(std::ceil(R / h)) + 2, sep = 2;
  CellGeometry c;
  c.separatorSlices = sep;
  const core::Shape s{sep + depth, n, n};
  c.phase = core::Grid<std::uint8_t>(s, h, core::kSE);
  c.materialId = core::Grid<std::uint8_t>(s, h, 0);
  const double zc = double(s.nz) * h, yc = 0.5 * double(n) * h, xc = yc;
  std::size_t cam = 0;
  for (std::size_t z = sep; z < s.nz; ++z)
    for (std::size_t y = 0; y < n; ++y)
      for (std::size_t x = 0; x < n; ++x) {
        const double dz = (double(z) + 0.5) * h - zc, dy = (double(y) + 0.5) * h - yc, dx = (double(x) + 0.5) * h - xc;
        if (dz * dz + dy * dy + dx * dx < R * R) {
          c.phase(z, y, x) = core::kCAM;
          ++cam;
        }
      }
  DischargeParameters p = testing::dischargeParameters();
  p.cam.useConstantTransport();
  p.se.conductivity_S_per_cm = 10.0;  // an equipotential electrolyte: the particle's surface sees one potential
  p.current_A_per_m2 = current;
  numerics::IntegrationOptions o;
  o.maxTime_s = t_end;
  o.maxStep_s = t_end / 40;
  o.stepTolerance = 2e-4;
  session();
  numerics::SharedMemorySolver solver;
  DischargeModel model(c, p, solver);
  o.newtonAbsoluteTolerance = model.newtonTolerance();
  parallel::TimeStepper stepper(model, o);
  const DischargeResult r = runDischarge(model, stepper, {3.0});
  REQUIRE(r.lithiumBalanceError < 1e-6);
  // The sphere of the voxels' volume (twice the hemisphere's), and its flux.
  const double volume = 2 * double(cam) * h * h * h, Reff = std::cbrt(3 * volume / (4 * M_PI));
  const double area = double(n * n) * h * h;
  const double j = 2 * current * area / (materials::kFaraday * 4 * M_PI * Reff * Reff);
  const double D = p.cam.diffusivity_cm2_per_s * 1e-4, cmax = p.cam.maxConcentration_mol_per_cm3 * 1e6;
  const double x0 = p.cam.initialLithiation(), t = r.endTime_s;
  spread = sphereLithiation(Reff, t, Reff, D, cmax, j, x0) - sphereLithiation(0, t, Reff, D, cmax, j, x0);
  const numerics::Box& box = model.boxes().front();
  double sq = 0;
  for (std::size_t z = sep; z < s.nz; ++z)
    for (std::size_t y = 0; y < n; ++y)
      for (std::size_t x = 0; x < n; ++x) {
        if (c.phase(z, y, x) != core::kCAM) continue;
        const double dz = (double(z) + 0.5) * h - zc, dy = (double(y) + 0.5) * h - yc, dx = (double(x) + 0.5) * h - xc;
        const double rr = std::min(std::sqrt(dz * dz + dy * dy + dx * dx), Reff);
        const double xv = 1 - r.state[DischargeModel::Vacancy][box.at(long(z), long(y), long(x))];
        const double e = xv - sphereLithiation(rr, t, Reff, D, cmax, j, x0);
        sq += e * e;
      }
  return std::sqrt(sq / double(cam)) / spread;
}

}  // namespace

TEST_CASE("a particle fills as the analytic solution of spherical diffusion, closer as the voxels shrink",
          "[discharge]") {
  const double R = 1.2e-6, D = 8.48e-16, t_end = 0.1 * R * R / D;
  double coarseSpread = 0, fineSpread = 0;
  const double coarse = hemisphereError(R, R / 3, 1.0, t_end, coarseSpread);
  const double fine = hemisphereError(R, R / 6, 1.0, t_end, fineSpread);
  UNSCOPED_INFO("relative RMS error: " << coarse << " at R = 3 h, " << fine << " at R = 6 h; spread "
                                       << coarseSpread << ", " << fineSpread);
  REQUIRE(fineSpread > 0.02);  // a profile worth comparing
  REQUIRE(fine < coarse);
  REQUIRE(fine < 0.1);
}

TEST_CASE("a graded separator carries the separator's drop as its voxels do", "[discharge]") {
  // 1D: V(0+) = U0 - eta_a - I L_sep / kappa - I L_cam / sigma - eta_c holds
  // on any slicing of the separator (exact, as the uniform cell's test).
  const DischargeParameters base = testing::dischargeParameters();
  const double h = 2e-7, f = materials::kFaraday / (materials::kGasConstant * base.temperature_K);
  const std::size_t uniform = 40, cathode = 4;
  const std::vector<double> graded = gradedSeparator(uniform, h, {1.5, 0.4, 4.0});
  REQUIRE(graded.size() < uniform / 2);
  CellGeometry cell = layeredCell(graded.size(), cathode, h);
  cell.separatorSliceThickness_m = graded;
  const double x0 = base.cam.initialLithiation(), cmax = base.cam.maxConcentration_mol_per_cm3 * 1e6;
  const double i0c = base.cam.i00_A_cm2p5_per_mol1p5 * 1e-5 * std::sqrt(base.se.concentration_mol_per_cm3 * 1e6) *
                     std::sqrt(x0 * cmax) * std::sqrt((1 - x0) * cmax);
  const double i0a = base.anode.exchangeCurrent_A_per_cm2 * 1e4;
  const double kappa = base.se.conductivity_S_per_cm * 100, sigma = base.cam.conductivityAt_S_per_cm(x0) * 100;
  DischargeParameters p = base;
  const DischargeResult r = discharge(cell, p);
  const double expected = p.cam.openCircuitVoltage_V(x0) - butlerVolmerDrop(p.current_A_per_m2, i0a, f) -
                          p.current_A_per_m2 * double(uniform) * h / kappa -
                          p.current_A_per_m2 * double(cathode) * h / sigma - butlerVolmerDrop(p.current_A_per_m2, i0c, f);
  REQUIRE(r.initialVoltage_V == Approx(expected).margin(1e-8));

  // 3D: the separator's potential is 3D only within a few voxels of the
  // cathode (kept fine); thick slices beyond it change V(0+) by a rounding.
  const CellGeometry fine = randomCell({6, 4, 4}, uniform, 5);
  CellGeometry coarse = randomCell({6, 4, 4}, graded.size(), 5);
  coarse.separatorSliceThickness_m = graded;
  const double a = discharge(fine, base).initialVoltage_V, b = discharge(coarse, base).initialVoltage_V;
  INFO("uniform " << a << " V, graded " << b << " V");
  REQUIRE(std::isfinite(a));
  REQUIRE(b == Approx(a).margin(1e-6));
}
