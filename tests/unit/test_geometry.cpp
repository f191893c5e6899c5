#include <catch2/catch.hpp>

#include <array>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "geometry/Cell.hpp"
#include "geometry/Clusters.hpp"
#include "geometry/Components.hpp"
#include "geometry/Distance.hpp"
#include "geometry/Metrics.hpp"

#include <cmath>
#include <tbb/global_control.h>

#include "core/Rng.hpp"

using namespace ssb;
using namespace ssb::geometry;
using core::kCAM;
using core::kPore;
using core::kSE;
using core::Sides;

TEST_CASE("a 3D checkerboard of SE and CAM has every face active", "[area]") {
  core::Grid<std::uint8_t> g(4, 4, 4, 1e-7, 0);
  for (std::size_t z = 0; z < 4; ++z)
    for (std::size_t y = 0; y < 4; ++y)
      for (std::size_t x = 0; x < 4; ++x) g(z, y, x) = (x + y + z) % 2 ? kSE : kCAM;
  // Periodic x, y (even sizes keep the pattern): 3 faces per voxel minus the
  // 16 z faces of the top slice that have no neighbour above.
  REQUIRE(seCamFaces(g, Sides::Periodic) == 3 * 64 - 16);
  REQUIRE(seCamFaces(g, Sides::Bounded) == 3 * 64 - 3 * 16);
  const auto a = activeArea(g, Sides::Periodic);
  // Every CAM voxel touches SE: the reference study's count is the 32 CAM
  // voxels, 32 (0.1 um)^2 in a 0.4^3 um^3 box; the faces, 176 of them.
  REQUIRE(a.camVoxels == 32);
  REQUIRE(a.area_m2 == Approx(32 * 1e-14));
  REQUIRE(a.perVolume_um2_um3 == Approx(0.32 / 0.064));
  REQUIRE(a.perVolume_per_cm == Approx(0.32 / 0.064 * 1e4));
  REQUIRE(a.perGeometricArea == Approx(0.32 / 0.16));
  REQUIRE(a.faceArea_m2 == Approx(176 * 1e-14));
  REQUIRE(a.facesPerVolume_per_cm == Approx(1.76 / 0.064 * 1e4));
}

TEST_CASE("the active area counts a CAM voxel once, whatever SE faces it touches", "[area]") {
  core::Grid<std::uint8_t> g(3, 3, 3, 1e-7, kPore);
  g(1, 1, 1) = kCAM;  // SE on all six sides
  for (auto [z, y, x] : {std::array<std::size_t, 3>{0, 1, 1}, {2, 1, 1}, {1, 0, 1}, {1, 2, 1}, {1, 1, 0}, {1, 1, 2}})
    g(z, y, x) = kSE;
  g(0, 0, 0) = kCAM;  // SE at +x and +y only (pore at +z); bounded: no wrap
  g(0, 0, 1) = kSE;
  g(0, 1, 0) = kSE;
  g(2, 2, 2) = kCAM;  // no SE neighbour when bounded; periodic y, x wrap to (2,0,2)/(2,2,0): pores
  REQUIRE(camVoxelsBesideSe(g, Sides::Bounded) == 2);
  REQUIRE(seCamFaces(g, Sides::Bounded) == 6 + 2);  // the centre voxel's six, the corner's two
  const auto a = activeArea(g, Sides::Bounded);
  REQUIRE(a.camVoxels == 2);
  REQUIRE(a.faces == seCamFaces(g, Sides::Bounded));
}

TEST_CASE("phase fractions and SVF_CAM count voxels exactly", "[fractions]") {
  core::Grid<std::uint8_t> g(2, 2, 2, 1.0, kPore);
  g.values() = {kSE, kSE, kSE, kCAM, kPore, kPore, kCAM, kCAM};
  const auto f = core::phaseFractions(g);
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
  REQUIRE(phaseClusters(g, kCAM, Face::Collector, Sides::Periodic).connectivity() == 1.0);
  REQUIRE(phaseClusters(g, kCAM, Face::Collector, Sides::Bounded).connectivity() == 0.5);
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

TEST_CASE("the feature transform equals brute force, periodic in x and y", "[distance]") {
  core::Grid<std::uint32_t> g(7, 9, 11, 1.0, 0);
  core::Rng rng(5, 0);
  for (auto& v : g) v = rng.uniform() < 0.04 ? std::uint32_t(1 + rng.below(50)) : 0u;
  g(0, 0, 0) = 99;
  for (unsigned threads : {1u, 2u}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto ft = featureTransform(g);
    for (long z = 0; z < 7; ++z)
      for (long y = 0; y < 9; ++y)
        for (long x = 0; x < 11; ++x) {
          double best = 1e30;
          for (long z2 = 0; z2 < 7; ++z2)
            for (long y2 = 0; y2 < 9; ++y2)
              for (long x2 = 0; x2 < 11; ++x2) {
                if (!g(z2, y2, x2)) continue;
                const long dy = std::min(std::labs(y - y2), 9 - std::labs(y - y2));
                const long dx = std::min(std::labs(x - x2), 11 - std::labs(x - x2));
                best = std::min(best, double((z - z2) * (z - z2) + dy * dy + dx * dx));
              }
          REQUIRE(ft.distance2_vox2(z, y, x) == best);
          // The label found belongs to a voxel at exactly that distance.
          bool labelAtDistance = false;
          for (long z2 = 0; z2 < 7 && !labelAtDistance; ++z2)
            for (long y2 = 0; y2 < 9 && !labelAtDistance; ++y2)
              for (long x2 = 0; x2 < 11; ++x2) {
                if (g(z2, y2, x2) != ft.nearest(z, y, x)) continue;
                const long dy = std::min(std::labs(y - y2), 9 - std::labs(y - y2));
                const long dx = std::min(std::labs(x - x2), 11 - std::labs(x - x2));
                if (double((z - z2) * (z - z2) + dy * dy + dx * dx) == best) { labelAtDistance = true; break; }
              }
          REQUIRE(labelAtDistance);
        }
  }
}

TEST_CASE("periodic wrap: x = nx-1 is one voxel from x = 0, z is not wrapped", "[distance]") {
  core::Grid<std::uint32_t> g(4, 4, 8, 1.0, 0);
  g(0, 0, 0) = 1;
  const auto ft = featureTransform(g);
  REQUIRE(ft.distance2_vox2(0, 0, 7) == 1.0f);
  REQUIRE(ft.distance2_vox2(0, 3, 0) == 1.0f);
  REQUIRE(ft.distance2_vox2(3, 0, 0) == 9.0f);
  REQUIRE(ft.nearest(2, 3, 7) == 1u);
}

namespace {
// Random phases 0..2 (share of `value` about `percent`), seeded.
core::Grid<std::uint8_t> randomPhases(core::Shape shape, std::uint64_t seed, int percent, std::uint8_t value) {
  core::Grid<std::uint8_t> g(shape, 1e-7, kPore);
  core::Rng rng(seed, 0);
  for (auto& v : g) v = rng.below(100) < std::uint64_t(percent) ? value : std::uint8_t(rng.below(2) ? kPore : 3 - value);
  return g;
}

// Independent check: component labels by a flood fill over the 6 or 26
// neighbours, numbered in the raster order of their first voxel.
std::vector<std::uint32_t> floodLabels(const core::Grid<std::uint8_t>& g, std::uint8_t value, bool periodic,
                                       bool full) {
  const long nz = long(g.nz()), ny = long(g.ny()), nx = long(g.nx());
  std::vector<std::uint32_t> label(g.size(), 0);
  std::uint32_t next = 0;
  std::vector<std::size_t> stack;
  for (std::size_t start = 0; start < g.size(); ++start) {
    if (g.values()[start] != value || label[start]) continue;
    label[start] = ++next;
    stack.assign(1, start);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      const long z = long(i) / (ny * nx), y = long(i) / nx % ny, x = long(i) % nx;
      for (long dz = -1; dz <= 1; ++dz)
        for (long dy = -1; dy <= 1; ++dy)
          for (long dx = -1; dx <= 1; ++dx) {
            const int moves = (dz != 0) + (dy != 0) + (dx != 0);
            if (moves == 0 || (!full && moves > 1)) continue;
            const long zz = z + dz, yy = core::step(y, dy, ny, periodic), xx = core::step(x, dx, nx, periodic);
            if (zz < 0 || zz >= nz || yy < 0 || xx < 0) continue;
            const std::size_t j = std::size_t((zz * ny + yy) * nx + xx);
            if (g.values()[j] == value && !label[j]) {
              label[j] = next;
              stack.push_back(j);
            }
          }
    }
  }
  return label;
}
}  // namespace

TEST_CASE("connected components equal a flood fill over 6 and 26 neighbours with periodic and bounded sides", "[components]") {
  for (int trial = 0; trial < 8; ++trial) {
    // Small and odd sizes, rows of one and two cells included.
    const core::Shape shape{std::size_t(3 + trial), std::size_t(1 + trial % 4), std::size_t(1 + (trial * 3) % 7)};
    const auto g = randomPhases(shape, 40 + std::uint64_t(trial), 30 + 5 * trial, kSE);
    for (Sides sides : {Sides::Periodic, Sides::Bounded})
      for (Connectivity c : {Connectivity::Faces, Connectivity::Full}) {
        const Components comp(g, kSE, sides, c);
        const auto expected = floodLabels(g, kSE, core::isPeriodic(sides), c == Connectivity::Full);
        const auto labels = comp.labels(1e-7);
        REQUIRE(labels.values() == expected);
        std::vector<std::uint64_t> size(comp.count(), 0);
        for (auto l : expected) if (l) ++size[l - 1];
        REQUIRE(comp.sizes() == size);
        const auto lists = comp.voxelLists();
        REQUIRE(lists.size() == comp.count());
        for (std::uint32_t k = 0; k < comp.count(); ++k)
          for (std::size_t i : lists[k]) REQUIRE(expected[i] == k + 1);
      }
  }
}

TEST_CASE("components do not depend on the thread count", "[components]") {
  const auto g = randomPhases({40, 17, 23}, 5, 45, kCAM);
  const auto many = Components(g, kCAM, Sides::Periodic, Connectivity::Full).labels(1e-7);
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  REQUIRE(Components(g, kCAM, Sides::Periodic, Connectivity::Full).labels(1e-7) == many);
}

TEST_CASE("spanningCells matches a flood fill from both faces", "[components]") {
  // Independent check: cells reachable from the inlet slab AND from the
  // outlet slab through 6-connected phase cells (periodic x, y optional).
  for (int trial = 0; trial < 6; ++trial) {
    const std::size_t nz = 9 + trial, ny = 5 + trial % 3, nx = 7 + trial % 4;
    core::Grid<std::uint8_t> g(nz, ny, nx, 1e-7, kPore);
    std::uint64_t state = 99 + trial;
    for (auto& v : g) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      v = (state >> 33) % 100 < 55 ? kSE : kCAM;
    }
    for (bool periodic : {true, false}) {
      auto flood = [&](std::size_t z0) {
        std::vector<std::uint8_t> seen(g.size(), 0);
        std::vector<std::size_t> stack;
        for (std::size_t y = 0; y < ny; ++y)
          for (std::size_t x = 0; x < nx; ++x)
            if (g(z0, y, x) == kSE) { seen[g.index(z0, y, x)] = 1; stack.push_back(g.index(z0, y, x)); }
        while (!stack.empty()) {
          const std::size_t i = stack.back();
          stack.pop_back();
          const std::size_t z = i / (ny * nx), y = (i / nx) % ny, x = i % nx;
          auto visit = [&](std::size_t zz, std::size_t yy, std::size_t xx) {
            const std::size_t j = g.index(zz, yy, xx);
            if (g.values()[j] == kSE && !seen[j]) { seen[j] = 1; stack.push_back(j); }
          };
          if (z > 0) visit(z - 1, y, x);
          if (z + 1 < nz) visit(z + 1, y, x);
          if (y > 0 || periodic) visit(z, (y + ny - 1) % ny, x);
          if (y + 1 < ny || periodic) visit(z, (y + 1) % ny, x);
          if (x > 0 || periodic) visit(z, y, (x + nx - 1) % nx);
          if (x + 1 < nx || periodic) visit(z, y, (x + 1) % nx);
        }
        return seen;
      };
      const auto fromInlet = flood(0), fromOutlet = flood(nz - 1);
      const auto active = spanningCells(g, kSE, periodic ? Sides::Periodic : Sides::Bounded);
      std::size_t mismatches = 0, count = 0;
      for (std::size_t i = 0; i < g.size(); ++i) {
        mismatches += active[i] != (fromInlet[i] && fromOutlet[i]);
        count += active[i];
      }
      REQUIRE(mismatches == 0);
      if (trial == 0) REQUIRE(count > 0);
    }
  }
}

TEST_CASE("Crofton weights are the sphere's shares of the 13 lattice directions", "[area]") {
  const auto& w = croftonWeights();
  double sum = 0;
  for (double v : w) sum += v;
  REQUIRE(sum == Approx(1.0).margin(1e-12));
  // Ohser & Muecklich (2000) tabulate 0.04577789, 0.03698063, 0.03519564 per
  // one of the 26 directions: twice that per direction pair.
  for (std::size_t k = 0; k < 3; ++k) REQUIRE(w[k] == Approx(2 * 0.04577789).margin(2e-5));
  for (std::size_t k = 3; k < 9; ++k) REQUIRE(w[k] == Approx(2 * 0.03698063).margin(2e-5));
  for (std::size_t k = 9; k < 13; ++k) REQUIRE(w[k] == Approx(2 * 0.03519564).margin(2e-5));
}

TEST_CASE("the Crofton estimate of a plane and of a ball", "[area]") {
  const double h = 1e-7;
  SECTION("a plane normal to z reads 2 sum_k w_k |cos theta_k| = 0.9266 of its area") {
    core::Grid<std::uint8_t> g(10, 6, 6, h, kSE);
    for (std::size_t z = 5; z < 10; ++z)
      for (std::size_t y = 0; y < 6; ++y)
        for (std::size_t x = 0; x < 6; ++x) g(z, y, x) = kCAM;
    // One crossing per column for every direction with dz = 1.
    const double area = croftonInterfaceArea_m2(g, kSE, kCAM, Sides::Periodic);
    const double exact = 36 * h * h;
    const double factor = 2 * (2 * 0.04577789 + 4 * 2 * 0.03698063 / std::sqrt(2.0) +
                               4 * 2 * 0.03519564 / std::sqrt(3.0));
    REQUIRE(factor == Approx(0.92662).margin(1e-4));
    REQUIRE(area / exact == Approx(factor).margin(2e-4));
    REQUIRE(croftonInterfaceArea_m2(g, kSE, kPore, Sides::Periodic) == 0.0);
  }
  SECTION("a ball of radius 16 voxels: 4 pi R^2 within 2 %, where the faces give 1.5x") {
    const int n = 48;
    const double R = 16.0, c = 23.5;
    core::Grid<std::uint8_t> g(n, n, n, h, kCAM);
    for (int z = 0; z < n; ++z)
      for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
          if ((z - c) * (z - c) + (y - c) * (y - c) + (x - c) * (x - c) <= R * R) g(z, y, x) = kSE;
    const double exact = 4 * 3.14159265358979 * R * R * h * h;
    const double crofton = croftonInterfaceArea_m2(g, kSE, kCAM, Sides::Bounded);
    REQUIRE(crofton / exact == Approx(1.0).margin(0.02));
    const double faces = double(seCamFaces(g, Sides::Bounded)) * h * h;
    REQUIRE(faces / exact == Approx(1.5).margin(0.03));
  }
}
