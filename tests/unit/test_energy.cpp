#include <catch2/catch.hpp>

#include <cmath>

#include "energy/Energy.hpp"
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
