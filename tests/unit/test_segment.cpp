#include <catch2/catch.hpp>

#include <cmath>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "core/Rng.hpp"
#include "segment/GrainSizes.hpp"
#include "segment/MaterialIds.hpp"
#include "segment/Snow.hpp"

using namespace ssb;
using namespace ssb::segment;
using core::kCAM;
using core::kPore;
using core::kSE;

namespace {
// SE spheres of radius r at the given centres (z, y, x), pore elsewhere.
core::Grid<std::uint8_t> spheres(core::Shape s, const std::vector<std::array<double, 4>>& balls) {
  core::Grid<std::uint8_t> g(s, 1e-7, kPore);
  for (std::size_t z = 0; z < s.nz; ++z)
    for (std::size_t y = 0; y < s.ny; ++y)
      for (std::size_t x = 0; x < s.nx; ++x)
        for (const auto& b : balls) {
          const double dz = double(z) - b[0], dy = double(y) - b[1], dx = double(x) - b[2];
          if (dz * dz + dy * dy + dx * dx <= b[3] * b[3]) g(z, y, x) = kSE;
        }
  return g;
}
}  // namespace

TEST_CASE("the distance map of a slab is exact", "[snow]") {
  core::Grid<std::uint8_t> g(9, 4, 4, 1.0, kCAM);
  for (std::size_t z = 2; z <= 6; ++z)
    for (std::size_t y = 0; y < 4; ++y)
      for (std::size_t x = 0; x < 4; ++x) g(z, y, x) = kSE;
  const auto dt = distanceToOtherPhases(g, kSE, core::Sides::Periodic);
  REQUIRE(dt(2, 1, 1) == 1.0f);
  REQUIRE(dt(3, 1, 1) == 2.0f);
  REQUIRE(dt(4, 3, 0) == 3.0f);
  REQUIRE(dt(0, 0, 0) == 0.0f);
}

TEST_CASE("Gaussian smoothing keeps constants and spreads a delta with unit weight", "[snow]") {
  core::Grid<float> c(5, 5, 5, 1.0, 2.5f);
  const auto sc = gaussianSmooth(c, 0.35, core::Sides::Periodic);
  for (float v : sc) REQUIRE(v == Approx(2.5f));
  core::Grid<float> d(5, 5, 5, 1.0, 0.0f);
  d(2, 2, 2) = 1.0f;
  const auto sd = gaussianSmooth(d, 0.35, core::Sides::Periodic);
  double sum = 0;
  for (float v : sd) sum += v;
  REQUIRE(sum == Approx(1.0));
  // 1D weights for sigma 0.35 (kernel radius 1): e^0 : e^(-1/(2*0.35^2)).
  const double w1 = std::exp(-0.5 / (0.35 * 0.35)), w0 = 1.0 / (1.0 + 2.0 * w1);
  REQUIRE(sd(2, 2, 2) == Approx(w0 * w0 * w0));
  REQUIRE(sd(2, 2, 3) == Approx(w0 * w0 * w1 * w0));
}

TEST_CASE("two touching spheres give two grains and one grain boundary surface", "[snow]") {
  const auto g = spheres({24, 24, 40}, {{12, 12, 12, 8}, {12, 12, 26, 8}});  // a contact disc of radius ~4
  const auto r = snowPartition(g, kSE, {0.35, 4.0, core::Sides::Bounded});
  REQUIRE(r.grains == 2);
  // Every SE voxel has a grain; the split lies between the centres.
  for (std::size_t i = 0; i < g.size(); ++i) REQUIRE((g.values()[i] == kSE) == (r.grain.values()[i] != 0));
  REQUIRE(r.grain(12, 12, 11) != r.grain(12, 12, 27));
  const auto contacts = grainContacts(r.grain, core::Sides::Bounded);
  REQUIRE(contacts.pairs.size() == 1);
  const auto ids = colourMaterialIds(r.grains, contacts, 8);
  const auto m = materialIdGrid(r.grain, ids);
  // All contact faces are GB faces once the two ids differ.
  REQUIRE(grainBoundaryFaces(m, core::Sides::Bounded) == contacts.faces[0]);
  REQUIRE(contacts.faces[0] > 20);
}

TEST_CASE("the saddle between two overlapping spheres makes no third grain", "[snow]") {
  // Strongly overlapping spheres: a neck whose distance map has a saddle.
  const auto g = spheres({26, 26, 44}, {{13, 13, 14, 9}, {13, 13, 28, 9}});
  const auto r = snowPartition(g, kSE, {0.35, 4.0, core::Sides::Bounded});
  REQUIRE(r.grains == 2);
  // A single sphere stays one grain, whatever its plateau of equal distances.
  const auto one = spheres({21, 21, 21}, {{10, 10, 10, 8}});
  REQUIRE(snowPartition(one, kSE, {0.35, 4.0, core::Sides::Bounded}).grains == 1);
}

TEST_CASE("grains wrap across the periodic faces", "[snow]") {
  // A sphere centred on the x = 0 face: one grain periodic, its halves open.
  const auto g = spheres({20, 20, 30}, {{10, 10, 0, 6}, {10, 10, 30, 6}});
  REQUIRE(snowPartition(g, kSE, {0.35, 4.0, core::Sides::Periodic}).grains == 1);
}

TEST_CASE("colouring never gives touching grains the same id; random shares about 1/n", "[ids]") {
  // A random tessellation: each voxel takes the nearest of many seeds (a 3D
  // contact graph of realistic degree).
  core::Grid<std::uint32_t> grain(40, 40, 40, 1e-7, 0);
  core::Rng rng(4, 0);
  std::vector<std::array<double, 3>> seeds;
  for (int k = 0; k < 1500; ++k) seeds.push_back({rng.uniform(0, 40), rng.uniform(0, 40), rng.uniform(0, 40)});
  for (std::size_t z = 0; z < 40; ++z)
    for (std::size_t y = 0; y < 40; ++y)
      for (std::size_t x = 0; x < 40; ++x) {
        double best = 1e9;
        for (std::size_t k = 0; k < seeds.size(); ++k) {
          const double d = std::pow(double(z) - seeds[k][0], 2) + std::pow(double(y) - seeds[k][1], 2) +
                           std::pow(double(x) - seeds[k][2], 2);
          if (d < best) { best = d; grain(z, y, x) = std::uint32_t(k + 1); }
        }
      }
  const auto contacts = grainContacts(grain, core::Sides::Bounded);
  REQUIRE(contacts.pairs.size() > 5000);
  const auto colour = colourMaterialIds(1500, contacts, 8);
  for (const auto& [a, b] : contacts.pairs) REQUIRE(colour[a] != colour[b]);
  REQUIRE(sameIdContactShare(contacts, colour) == 0.0);
  REQUIRE_THROWS_AS(colourMaterialIds(1500, contacts, 2), core::RuntimeFailure);
  const auto random = randomMaterialIds(1500, 8, 9);
  const double share = sameIdContactShare(contacts, random);
  const double sd = std::sqrt(0.125 * 0.875 / double(contacts.pairs.size()));
  REQUIRE(share == Approx(0.125).margin(4 * sd));
  for (std::size_t g = 1; g <= 1500; ++g) REQUIRE((random[g] >= 1 && random[g] <= 8));
}

TEST_CASE("grain sizes are equivalent sphere diameters", "[sizes]") {
  core::Grid<std::uint32_t> g(10, 10, 10, 1e-7, 0);
  for (std::size_t i = 0; i < 100; ++i) g.values()[i] = 1;        // 100 voxels
  for (std::size_t i = 100; i < 900; ++i) g.values()[i] = 2;      // 800 voxels
  const auto s = grainSizes(g, 2);
  const double d1 = std::cbrt(600.0 / M_PI) * 0.1, d2 = std::cbrt(4800.0 / M_PI) * 0.1;
  REQUIRE(s.diameter_um[1] == Approx(d1));
  REQUIRE(s.diameter_um[2] == Approx(d2));
  REQUIRE(s.mean_um == Approx((d1 + d2) / 2));
  REQUIRE(s.volumeWeightedMean_um == Approx((100 * d1 + 800 * d2) / 900));
  // d32 with d2 = 2 d1: (1 + 8) d1^3 / ((1 + 4) d1^2) = 1.8 d1.
  REQUIRE(s.sauterMean_um == Approx(1.8 * d1));
  REQUIRE(d2 == Approx(2 * d1));  // 8x the volume, 2x the diameter
}
