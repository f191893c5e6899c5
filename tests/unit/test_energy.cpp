#include <catch2/catch.hpp>

#include <cmath>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "energy/Energy.hpp"
#include "energy/Evaluation.hpp"
#include "materials/Constants.hpp"

using namespace ssb::energy;

TEST_CASE("C_theo is the Li the CAM can take from x0 to full, per gram (Eq. 8)", "[energy]") {
  // LCO: (0.051555 - 0.027058) mol/cm^3 x F / 5.051 g/cm^3 = 467.95 C/g = 129.99 mAh/g.
  const double c = theoreticalCapacity_mAh_per_g(0.051555, 0.027058, 5.051);
  REQUIRE(c == Approx(0.024497 * ssb::materials::kFaraday / 5.051 / 3.6).epsilon(1e-14));
  REQUIRE(c == Approx(130.0).margin(0.05));  // MODEL.md's figure
}

TEST_CASE("C_grav divides the capacity per area by the CAM mass per area (Eq. 7)", "[energy]") {
  REQUIRE(gravimetricCapacity_mAh_per_g(1.38, 11.8) == Approx(1.38 / 0.0118).epsilon(1e-14));
  REQUIRE(gravimetricCapacity_mAh_per_g(1.0, 0.0) == 0.0);
}

TEST_CASE("cell masses from thicknesses; the anode by n/p = 1 (Eq. 10)", "[energy]") {
  const CellMasses m = cellMasses(10.0, 5.0, 4.0, 5.3, 25.0, 5.3, 130.0);
  REQUIRE(m.cam == Approx(5.0).epsilon(1e-14));        // 10 um x 5 g/cm^3 = 5 mg/cm^2
  REQUIRE(m.se == Approx(2.12).epsilon(1e-14));
  REQUIRE(m.separator == Approx(13.25).epsilon(1e-14));  // MODEL.md's 25 um of LLZO
  REQUIRE(m.anode == Approx(130.0 * 5.0 / 3861.0).epsilon(1e-14));
  REQUIRE(m.total() == Approx(5.0 + 2.12 + 13.25 + 130.0 * 5.0 / 3861.0).epsilon(1e-14));
}

TEST_CASE("the energy is the integral of i U dt; E_grav per cell mass (Eq. 9)", "[energy]") {
  // 1 mA/cm^2 at 4 V for an hour: 4 mWh/cm^2; U falling linearly from 4 to 3 V: 3.5 (the trapezoids are exact).
  REQUIRE(energy_mWh_per_cm2({0, 1800, 3600}, {4, 4, 4}, {1, 1, 1}) == Approx(4.0).epsilon(1e-14));
  REQUIRE(energy_mWh_per_cm2({0, 1000, 3600}, {4, 4 - 1000.0 / 3600, 3}, {1, 1, 1}) == Approx(3.5).epsilon(1e-14));
  REQUIRE_THROWS(energy_mWh_per_cm2({0, 1}, {4}, {1, 1}));
  // MODEL.md's check: the baseline's masses and ~0.9 C_theo at ~3.9 V give about 140 Wh/kg.
  CellMasses m;
  m.cam = 11.8, m.se = 12.3, m.separator = 13.25, m.anode = 0.40;
  const double e = 0.9 * 130.0 * 11.8e-3 * 3.9;  // mAh/cm^2 x V = mWh/cm^2
  REQUIRE(specificEnergy_Wh_per_kg(e, m) == Approx(e / 37.75 * 1e3).epsilon(1e-14));
  REQUIRE(specificEnergy_Wh_per_kg(e, m) == Approx(140).margin(5));
}

TEST_CASE("utilisation per slice and the histogram of x count CAM voxels only", "[energy]") {
  // Two slices of two voxels: slice 0 CAM at x = 0.6 and 0.8, slice 1 no CAM.
  const std::vector<std::uint8_t> cam{1, 1, 0, 0};
  const std::vector<double> x{0.6, 0.8, 0.0, 0.0};
  const std::vector<double> u = utilisationProfile(cam, x, 2, 0.5);
  REQUIRE(u[0] == Approx((0.7 - 0.5) / 0.5).epsilon(1e-14));
  REQUIRE(std::isnan(u[1]));
  REQUIRE_THROWS(utilisationProfile(cam, x, 3, 0.5));
  const std::vector<std::uint8_t> all{1, 1, 1, 1, 0};
  const auto h = lithiationHistogram(all, {0.0, 0.25, 0.5, 1.0, 0.3}, 4);
  REQUIRE(h == std::vector<std::uint64_t>{1, 1, 1, 1});
}

namespace {

// A 1 um cell, 2 voxels wide: one separator slice of SE, then two cathode
// slices of one CAM and one SE voxel each; the CAM full in the first, at
// x0 in the second; a straight curve from 4 V to 3.4 V in an hour at 1 mA/cm^2.
ssb::core::VoxelVolume tinyDischargedCell() {
  using namespace ssb::core;
  VoxelVolume v;
  v.phase = Grid<std::uint8_t>({3, 1, 2}, 1e-6, kSE);
  v.phase(1, 0, 0) = kCAM;
  v.phase(2, 0, 0) = kCAM;
  Grid<float> x(v.phase.shape(), 1e-6, 0.0f);
  x(1, 0, 0) = 1.0f;
  x(2, 0, 0) = 0.5f;
  v.fields.emplace("li_fraction", std::move(x));
  v.series["time_s"] = {0.0, 3600.0};
  v.series["voltage_V"] = {4.0, 3.4};
  v.series["current_mA_per_cm2"] = {1.0, 1.0};
  v.series["capacity_mAh_per_cm2"] = {0.0, 1.0};
  v.metrics["discharge.cell.separator_slices"] = std::int64_t(1);
  v.metrics["discharge.structure.voxel_size_um"] = 0.5;
  v.metrics["geomstats.removed_voxels_cam"] = std::int64_t(8);  // 8 voxels of 0.5 um: 1 um^3
  return v;
}

CellMaterials tinyMaterials() {
  CellMaterials m;
  m.cam.name = "X";
  m.cam.density_g_per_cm3 = 5.0;
  m.cam.maxConcentration_mol_per_cm3 = 0.05;
  m.cam.initialConcentration_mol_per_cm3 = 0.025;  // x0 = 0.5
  m.se.density_g_per_cm3 = 5.0;
  m.anode.specificCapacity_mAh_per_g = 3861.0;
  return m;
}

}  // namespace

TEST_CASE("evaluateDischarge: the indicators of a tiny cell, with and without the removed CAM", "[energy]") {
  EvaluationOptions o;
  o.histogramBins = 2;
  const DischargeEvaluation r = evaluateDischarge(tinyDischargedCell(), tinyMaterials(), o, "tiny");
  const auto& m = r.metrics;
  const double cTheo = 0.025 * ssb::materials::kFaraday / 5.0 / 3.6;
  REQUIRE(m["c_theo_mAh_per_g"].get<double>() == Approx(cTheo).epsilon(1e-14));
  REQUIRE(m["capacity_mAh_per_cm2"].get<double>() == Approx(1.0).epsilon(1e-14));
  REQUIRE(m["energy_mWh_per_cm2"].get<double>() == Approx(3.7).epsilon(1e-14));  // 1 mA x 3.7 V mean x 1 h
  // 1 um of CAM, 1 um of SE in the cathode, 1 um of separator, all 5 g/cm^3: 0.5 mg/cm^2 each.
  const auto& masses = m["cleaned"]["masses_mg_per_cm2"];
  REQUIRE(masses["cam"].get<double>() == Approx(0.5).epsilon(1e-12));
  REQUIRE(masses["se"].get<double>() == Approx(0.5).epsilon(1e-12));
  REQUIRE(masses["separator"].get<double>() == Approx(0.5).epsilon(1e-12));
  REQUIRE(masses["anode"].get<double>() == Approx(cTheo * 0.5 / 3861.0).epsilon(1e-12));
  REQUIRE(m["c_grav_mAh_per_g"].get<double>() == Approx(2000.0).epsilon(1e-12));
  REQUIRE(m["c_norm"].get<double>() == Approx(2000.0 / cTheo).epsilon(1e-12));
  REQUIRE(m["e_grav_Wh_per_kg"].get<double>() == Approx(3.7 / (1.5 + cTheo * 0.5 / 3861.0) * 1e3).epsilon(1e-12));
  // The removed 1 um^3 of CAM over 2 um^2: 0.5 um more, 0.25 mg/cm^2.
  REQUIRE(m["removed_counted"]["masses_mg_per_cm2"]["cam"].get<double>() == Approx(0.75).epsilon(1e-12));
  REQUIRE(m["removed_counted"]["c_grav_mAh_per_g"].get<double>() == Approx(1.0 / 0.75e-3).epsilon(1e-12));
  REQUIRE(m["removed_clusters_counted"].get<bool>() == false);
  // The field: slice 1 full (utilisation 1), slice 2 at x0 (0); both in the top bin of two
  // (x = 0.5 opens the second bin).
  REQUIRE(r.utilisation == std::vector<double>{1.0, 0.0});
  REQUIRE(r.profileDepth_um == std::vector<double>{0.5, 1.5});
  REQUIRE(r.histogram == std::vector<std::uint64_t>{0, 2});
  REQUIRE(m["c_norm_from_li_field"].get<double>() == Approx(0.5).epsilon(1e-14));
}

TEST_CASE("evaluateDischarge: another cut-off interpolates the curve's crossing", "[energy]") {
  EvaluationOptions o;
  o.cutoff_V = 3.7;  // halfway down the straight curve
  const DischargeEvaluation r = evaluateDischarge(tinyDischargedCell(), tinyMaterials(), o, "tiny");
  REQUIRE(r.metrics["capacity_mAh_per_cm2"].get<double>() == Approx(0.5).epsilon(1e-14));
  REQUIRE(r.metrics["energy_mWh_per_cm2"].get<double>() == Approx(0.5 * 3.85).epsilon(1e-14));
  REQUIRE(r.metrics["time_to_cutoff_s"].get<double>() == Approx(1800.0).epsilon(1e-14));
}

TEST_CASE("evaluateDischarge refuses what is not a finished discharge, naming it", "[energy]") {
  EvaluationOptions o;
  ssb::core::VoxelVolume v = tinyDischargedCell();
  o.cutoff_V = 3.0;
  REQUIRE_THROWS_WITH(evaluateDischarge(v, tinyMaterials(), o, "tiny"), Catch::Contains("without reaching the cut-off"));
  o.cutoff_V = 3.4;
  v.metrics.erase("discharge.cell.separator_slices");
  REQUIRE_THROWS_WITH(evaluateDischarge(v, tinyMaterials(), o, "tiny"), Catch::Contains("discharge.cell.separator_slices"));
  v = tinyDischargedCell();
  v.fields.clear();
  REQUIRE_THROWS_AS(evaluateDischarge(v, tinyMaterials(), o, "tiny"), ssb::core::InputError);
}

TEST_CASE("evaluateDischarge: a finished discharge without a curve (no ionic path) has capacity 0", "[energy]") {
  ssb::core::VoxelVolume v = tinyDischargedCell();
  for (auto& [name, series] : v.series) series.clear();
  EvaluationOptions o;
  REQUIRE_THROWS_WITH(evaluateDischarge(v, tinyMaterials(), o, "tiny"), Catch::Contains("did not finish"));
  v.metrics["discharge.complete"] = std::int64_t(1);
  v.metrics["discharge.status"] = std::string("no CAM voxel touches the solid electrolyte");
  const DischargeEvaluation r = evaluateDischarge(v, tinyMaterials(), o, "tiny");
  REQUIRE(r.metrics["capacity_mAh_per_cm2"].get<double>() == 0.0);
  REQUIRE(r.metrics["c_norm"].get<double>() == 0.0);
  REQUIRE(r.metrics["e_grav_Wh_per_kg"].get<double>() == 0.0);
  REQUIRE(r.metrics["starts_below_cutoff"].get<bool>());
  REQUIRE(r.metrics["discharge_status"].get<std::string>() == "no CAM voxel touches the solid electrolyte");
}
