#include <catch2/catch.hpp>

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
