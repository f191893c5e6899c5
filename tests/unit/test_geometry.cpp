#include <catch2/catch.hpp>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "geometry/Cell.hpp"
#include "geometry/Clusters.hpp"
#include "geometry/Metrics.hpp"

using namespace ssb;
using namespace ssb::geometry;
using core::kCAM;
using core::kPore;
using core::kSE;

TEST_CASE("a 3D checkerboard of SE and CAM has every face active", "[area]") {
  core::Grid<std::uint8_t> g(4, 4, 4, 1e-7, 0);
  for (std::size_t z = 0; z < 4; ++z)
    for (std::size_t y = 0; y < 4; ++y)
      for (std::size_t x = 0; x < 4; ++x) g(z, y, x) = (x + y + z) % 2 ? kSE : kCAM;
  // Periodic x, y (even sizes keep the pattern): 3 faces per voxel minus the
  // 16 z faces of the top slice that have no neighbour above.
  REQUIRE(seCamFaces(g, true) == 3 * 64 - 16);
  REQUIRE(seCamFaces(g, false) == 3 * 64 - 3 * 16);
  const auto a = activeArea(g, true);
  REQUIRE(a.area_m2 == Approx(176 * 1e-14));
  // 176 faces of (0.1 um)^2 in a 0.4^3 um^3 box: 1.76 / 0.064 um^-1.
  REQUIRE(a.perVolume_um2_um3 == Approx(1.76 / 0.064));
  REQUIRE(a.perVolume_per_cm == Approx(1.76 / 0.064 * 1e4));
  REQUIRE(a.perGeometricArea == Approx(1.76 / 0.16));
}

TEST_CASE("phase fractions and SVF_CAM count voxels exactly", "[fractions]") {
  core::Grid<std::uint8_t> g(2, 2, 2, 1.0, kPore);
  g.values() = {kSE, kSE, kSE, kCAM, kPore, kPore, kCAM, kCAM};
  const auto f = phaseFractions(g);
  REQUIRE(f.se == 3.0 / 8);
  REQUIRE(f.cam == 3.0 / 8);
  REQUIRE(f.svfCam() == 0.5);
  REQUIRE(f.density() == 0.75);
  const auto s = sliceFractions(g);
  REQUIRE(s[0].se == 0.75);
  REQUIRE(s[1].pore == 0.5);
}

TEST_CASE("an isolated CAM island is found and removed; SE reaches the separator", "[clusters]") {
  core::Grid<std::uint8_t> g(6, 5, 5, 1.0, kSE);
  for (std::size_t z = 0; z < 6; ++z) g(z, 0, 0) = kCAM;  // a CAM column to the collector
  g(2, 2, 2) = kCAM;                                       // an island inside SE
  g(3, 2, 2) = kCAM;
  const auto c = phaseClusters(g, kCAM, Face::Collector);
  REQUIRE(c.total == 8);
  REQUIRE(c.isolated == 2);
  REQUIRE(c.connectivity() == Approx(0.75));
  REQUIRE(phaseClusters(g, kSE, Face::Separator).connectivity() == 1.0);
  auto h = g;
  const auto removed = removeIsolatedClusters(h);
  REQUIRE(removed[kCAM] == 2);
  REQUIRE(removed[kSE] == 0);
  REQUIRE(h(2, 2, 2) == kPore);
  REQUIRE(h(5, 0, 0) == kCAM);
}

TEST_CASE("periodic wrap connects clusters across the x and y faces", "[clusters]") {
  // An L-shaped CAM path: touches the collector only through the x wrap.
  core::Grid<std::uint8_t> g(3, 3, 4, 1.0, kPore);
  g(0, 1, 0) = kCAM;             // far from the collector...
  g(1, 1, 0) = kCAM;
  g(1, 1, 3) = kCAM;             // ...joined across x = 3 | x = 0
  g(2, 1, 3) = kCAM;             // on the collector face z = 2
  REQUIRE(phaseClusters(g, kCAM, Face::Collector, true).connectivity() == 1.0);
  REQUIRE(phaseClusters(g, kCAM, Face::Collector, false).connectivity() == 0.5);
  // SE with no voxel on the separator face: connectivity 0, not an error.
  core::Grid<std::uint8_t> s(3, 3, 3, 1.0, kPore);
  s(2, 1, 1) = kSE;
  REQUIRE(phaseClusters(s, kSE, Face::Separator).connectivity() == 0.0);
}

TEST_CASE("coarsening takes the majority with ties SE > CAM > pore", "[coarsen]") {
  core::Grid<std::uint8_t> g(2, 2, 4, 1e-7, kPore);
  core::Grid<std::uint8_t> m(2, 2, 4, 1e-7, 0);
  // Block x 0-1: 4 SE (ids 3,3,5,5 -> tie -> 3), 4 CAM: tie -> SE.
  // Block x 2-3: 4 CAM, 4 pore: tie -> CAM.
  for (std::size_t z = 0; z < 2; ++z)
    for (std::size_t y = 0; y < 2; ++y) {
      g(z, y, 0) = kSE;
      m(z, y, 0) = y ? 5 : 3;
      g(z, y, 1) = kCAM;
      g(z, y, 2) = kCAM;
      g(z, y, 3) = kPore;
    }
  const auto c = coarsen(g, &m, 2);
  REQUIRE(c.phase.shape() == core::Shape{1, 1, 2});
  REQUIRE(c.phase.voxelSize_m() == Approx(2e-7));
  REQUIRE(c.phase(0, 0, 0) == kSE);
  REQUIRE(c.phase(0, 0, 1) == kCAM);
  REQUIRE((*c.materialId)(0, 0, 0) == 3);
  REQUIRE((*c.materialId)(0, 0, 1) == 0);
  REQUIRE_THROWS_AS(coarsen(g, nullptr, 3), core::InputError);
}

TEST_CASE("a cell puts a dense SE separator before the cathode", "[cell]") {
  core::Grid<std::uint8_t> cathode(3, 2, 2, 2e-7, kCAM);
  core::Grid<std::uint8_t> ids(3, 2, 2, 2e-7, 0);
  cathode(0, 0, 0) = kSE;
  ids(0, 0, 0) = 4;
  const auto cell = assembleCell(cathode, &ids, 5, 9);
  REQUIRE(cell.phase.shape() == core::Shape{8, 2, 2});
  for (std::size_t z = 0; z < 5; ++z) REQUIRE(cell.phase(z, 1, 1) == kSE);
  REQUIRE(cell.materialId(4, 1, 1) == 9);
  REQUIRE(cell.phase(5, 0, 0) == kSE);
  REQUIRE(cell.materialId(5, 0, 0) == 4);
  REQUIRE(cell.phase(7, 1, 1) == kCAM);
}
