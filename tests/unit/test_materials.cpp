#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/Error.hpp"
#include "materials/Constants.hpp"
#include "materials/Material.hpp"

using namespace ssb;
using namespace ssb::materials;

namespace {
std::string errorOf(const std::string& text) {
  try {
    parseMaterial(text, "m.json");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the bundled materials carry the reference study's Tables 1 and 2", "[materials]") {
  const Material lco = loadMaterial("lco", Kind::ActiveMaterial, "--cam");
  REQUIRE(lco.conductivity_S_per_cm == 4.47);
  REQUIRE(lco.diffusivity_cm2_per_s == 8.48e-12);
  REQUIRE(lco.initialLithiation() == Approx(0.52484).margin(1e-5));
  REQUIRE(lco.i00_A_cm2p5_per_mol1p5 == 0.0116);
  const Material nmc = loadMaterial("nmc811", Kind::ActiveMaterial, "--cam");
  REQUIRE(nmc.initialLithiation() == Approx(0.23068).margin(1e-5));
  REQUIRE(nmc.conductivity_S_per_cm == 8.83e-3);
  const Material llzo = loadMaterial("llzo", Kind::SolidElectrolyte, "--se");
  REQUIRE(llzo.conductivity_S_per_cm == 7.69e-4);
  REQUIRE(llzo.concentration_mol_per_cm3 == 0.0384);
  const Material li = loadMaterial("li", Kind::MetalAnode, "--anode");
  REQUIRE(li.exchangeCurrent_A_per_cm2 == 2.59e-2);
  // Theoretical capacity of LCO from its concentrations (the reference
  // study's Eq. 8): (c_max - c_0) F / rho = 130.0 mAh/g.
  const double cTheo_mAh_per_g = (lco.maxConcentration_mol_per_cm3 - lco.initialConcentration_mol_per_cm3) * kFaraday /
                                 lco.density_g_per_cm3 / 3.6;
  REQUIRE(cTheo_mAh_per_g == Approx(130.0).margin(0.1));
}

TEST_CASE("R_GB = RT/(F i_GB0) gives the reference study's 3.7 ohm cm^2 for the literature i_GB0", "[materials]") {
  const Material llzo = loadMaterial("llzo", Kind::SolidElectrolyte, "--se");
  REQUIRE(gbResistanceFromI0_ohm_cm2(llzo.gbExchangeCurrent_A_per_cm2) == Approx(3.72).margin(0.005));
  REQUIRE(gbResistanceFromI0_ohm_cm2(7e-1) == Approx(0.0367).margin(0.0001));
}

TEST_CASE("a material of the wrong kind, an unknown name or a bad field is named in one line", "[materials]") {
  REQUIRE_THROWS_WITH(loadMaterial("llzo", Kind::ActiveMaterial, "--cam"),
                      Catch::Contains("--cam llzo") && Catch::Contains("is of kind solid_electrolyte, expected active_material"));
  REQUIRE_THROWS_WITH(loadMaterial("unobtainium", Kind::ActiveMaterial, "--cam"), Catch::Contains("no such material"));
  REQUIRE_THROWS_WITH(loadMaterial("/nonexistent/m.json", Kind::ActiveMaterial, "--cam"), Catch::Contains("no such file"));
  REQUIRE(errorOf("[1]").find("not a JSON object") != std::string::npos);
  REQUIRE(errorOf(R"({"name":"x","kind":"solid_electrolyte","density_g_per_cm3":5,"conductivity_S_per_cm":1})") ==
          "m.json: concentration_mol_per_cm3 is missing (kind solid_electrolyte requires it)");
  REQUIRE(errorOf(R"({"name":"x","kind":"metal_anode","exchange_current_A_per_cm2":-1,"transfer_coefficient":0.5})") ==
          "m.json: exchange_current_A_per_cm2 must be > 0, got -1.000000");
  REQUIRE(errorOf(R"({"name":"x","kind":"metal_anode","exchange_current_A_per_cm2":1,"transfer_coefficient":1.5})")
              .find("transfer_coefficient must lie strictly between 0 and 1") != std::string::npos);
  REQUIRE(errorOf(R"({"name":"x","kind":"metal_anode","exchange_current_A_per_cm2":1,"transfer_coefficient":0.5,"colour":1})") ==
          "m.json: unexpected field 'colour'");
  REQUIRE(errorOf(R"({"name":"x","kind":"cathode"})").find("kind must be") != std::string::npos);
}

namespace {
// The published fits the bundled tables were made from (docs/model.md), as
// the independent answer for the tables' interpolation.
double lcoDualfoil(double y) {
  return 2.16216 + 0.07645 * std::tanh(30.834 - 54.4806 * y) + 2.1581 * std::tanh(52.294 - 50.294 * y) -
         0.14169 * std::tanh(11.0923 - 19.8543 * y) + 0.2051 * std::tanh(1.4684 - 5.4888 * y) +
         0.2531 * std::tanh((-y + 0.56478) / 0.1316) - 0.02167 * std::tanh((y - 0.525) / 0.006);
}
double nmcChen(double x, double x0) {
  const double u = 0.3046 + 0.6954 * (x - x0) / (1 - x0);
  return -0.8090 * u + 4.4875 - 0.0428 * std::tanh(18.5138 * (u - 0.5542)) -
         17.7326 * std::tanh(15.7890 * (u - 0.3117)) + 17.5842 * std::tanh(15.9308 * (u - 0.3120));
}
}  // namespace

TEST_CASE("the open-circuit voltage tables follow the published fits and give 4.2 V at x0", "[materials]") {
  const Material lco = loadMaterial("lco", Kind::ActiveMaterial, "--cam");
  const Material nmc = loadMaterial("nmc811", Kind::ActiveMaterial, "--cam");
  const double x0l = lco.initialLithiation(), x0n = nmc.initialLithiation();
  REQUIRE(lco.openCircuitVoltage_V(x0l) == Approx(lcoDualfoil(x0l)).margin(1e-9));  // a node: exact
  REQUIRE(lco.openCircuitVoltage_V(x0l) == Approx(4.205).margin(1e-3));
  REQUIRE(nmc.openCircuitVoltage_V(x0n) == Approx(4.2).margin(1e-4));
  REQUIRE(nmc.openCircuitVoltage_V(1.0) == Approx(3.487).margin(1e-3));
  double worst = 0;
  for (int k = 0; k <= 20000; ++k) {
    const double x = k / 20000.0;
    worst = std::max({worst, std::abs(lco.openCircuitVoltage_V(x) - lcoDualfoil(x)),
                      std::abs(nmc.openCircuitVoltage_V(x) - nmcChen(x, x0n))});
    // Monotone: both fits fall with x, and so does the interpolation.
    if (k > 0) REQUIRE(lco.openCircuitVoltage_V(x) <= lco.openCircuitVoltage_V(x - 1.0 / 20000) + 1e-12);
  }
  REQUIRE(worst < 3e-6);
  // The derivative: that of the interpolant (a central difference of the
  // table), and within 5 % of the fit's (PCHIP's node slopes are harmonic means).
  for (double x : {0.3, 0.6, 0.8, 0.95}) {
    const Table& U = lco.openCircuitVoltage_V;
    REQUIRE(U.derivative(x) == Approx((U(x + 1e-6) - U(x - 1e-6)) / 2e-6).epsilon(1e-4));
    REQUIRE(U.derivative(x) == Approx((lcoDualfoil(x + 1e-6) - lcoDualfoil(x - 1e-6)) / 2e-6).epsilon(5e-2));
  }
}

TEST_CASE("sigma(x) and D(x) interpolate in log10, start at the tables' initial values and stay constant beyond the ends", "[materials]") {
  const Material lco = loadMaterial("lco", Kind::ActiveMaterial, "--cam");
  const double x0 = lco.initialLithiation();
  REQUIRE(lco.conductivityAt_S_per_cm(x0) == Approx(lco.conductivity_S_per_cm));
  REQUIRE(lco.diffusivityAt_cm2_per_s(x0) == Approx(lco.diffusivity_cm2_per_s));
  REQUIRE(lco.conductivityAt_S_per_cm(0.1) == Approx(4.47));  // below the first node
  REQUIRE(lco.conductivityAt_S_per_cm(1.2) == Approx(3.3e-4));
  // Halfway between 0.98 (0.02 S/cm) and 1.00 (3.3e-4 S/cm): the geometric mean.
  REQUIRE(lco.conductivityAt_S_per_cm(0.99) == Approx(std::sqrt(0.02 * 3.3e-4)).epsilon(1e-12));
  const double h = 1e-7, x = 0.93;
  REQUIRE(lco.conductivityDerivative_S_per_cm(x) ==
          Approx((lco.conductivityAt_S_per_cm(x + h) - lco.conductivityAt_S_per_cm(x - h)) / (2 * h)).epsilon(1e-5));
  Material constant = lco;
  constant.useConstantTransport();
  REQUIRE(constant.conductivityAt_S_per_cm(0.99) == 4.47);
  REQUIRE(constant.diffusivityDerivative_cm2_per_s(0.9) == 0.0);
}

TEST_CASE("PCHIP keeps monotone data monotone and a flat piece flat", "[materials]") {
  // Steps that a plain cubic spline would overshoot.
  const Table t({0, 1, 2, 3, 4}, {0, 0, 1, 1, 1}, Table::Interpolation::Pchip);
  for (int k = 0; k <= 400; ++k) {
    const double x = k / 100.0, v = t(x);
    REQUIRE(v >= -1e-15);
    REQUIRE(v <= 1 + 1e-15);
    if (x <= 1) REQUIRE(v == 0.0);
    if (x >= 2) REQUIRE(v == 1.0);
  }
  REQUIRE(t(1.5) == Approx(0.5));
  REQUIRE_THROWS_AS(Table({0, 0}, {1, 2}, Table::Interpolation::Linear), std::invalid_argument);
  REQUIRE_THROWS_AS(Table({0, 1}, {1, -2}, Table::Interpolation::LogLinear), std::invalid_argument);
}
