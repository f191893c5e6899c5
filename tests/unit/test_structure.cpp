#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <tbb/global_control.h>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "core/Rng.hpp"
#include "structure/Dfsane.hpp"
#include "geometry/Distance.hpp"
#include "structure/Generate.hpp"
#include "structure/Particle.hpp"
#include "structure/Pile.hpp"
#include "structure/PileRecord.hpp"
#include "structure/Press.hpp"
#include "structure/Recipe.hpp"
#include "structure/Sinter.hpp"
#include "structure/Spread.hpp"

using namespace ssb;
using namespace ssb::structure;

namespace {
constexpr double kPi = 3.14159265358979323846;

Recipe twoSpheres() {
  return parseRecipe(R"({"groups":[
    {"phase":"cam","shape":"sphere","volume_fraction":1.0,"diameter_um":1.0},
    {"phase":"se","shape":"sphere","volume_fraction":1.0,"diameter_um":0.6}]})", "test");
}

// Spheres of 0.8 (CAM) and 0.5 um (SE) at SVF_CAM 0.4 in a small box.
PileOptions smallPile(std::size_t boxNz, std::size_t cropNz, std::uint64_t seed) {
  PileOptions o;
  o.box = {boxNz, 40, 40};
  o.cropNz = cropNz;
  o.recipe = scaledRecipe(twoSpheres(), 0.8, 0.5);
  o.svfCamBottom = o.svfCamTop = 0.4;
  o.seed = seed;
  return o;
}
}  // namespace

TEST_CASE("voxelized spheres approach the analytic volume", "[particle]") {
  for (double d : {6.0, 12.0, 24.0}) {
    ParticleGeometry g;
    g.diameter_vox = d;
    const auto m = voxelize(g);
    const double exact = kPi / 6 * d * d * d;
    // The relative error of a lattice-point count falls like 1/d.
    REQUIRE(double(m.voxels.size()) == Approx(exact).epsilon(1.5 / d));
  }
  ParticleGeometry one;
  one.diameter_vox = 1.0;  // a unit-diameter sphere at a voxel centre holds exactly that voxel
  REQUIRE(voxelize(one).voxels.size() == 1);
  one.diameter_vox = 2.0;  // radius 1: the centre and its 6 face neighbours
  REQUIRE(voxelize(one).voxels.size() == 7);
}

TEST_CASE("voxelized hexagonal platelets approach (3 sqrt3 / 2) R^2 t in any orientation", "[particle]") {
  core::Rng rng(3, 0);
  for (int k = 0; k < 5; ++k) {
    ParticleGeometry g;
    g.shape = ParticleShape::HexagonalPlatelet;
    g.diameter_vox = 30;
    g.thickness_vox = 10;
    if (k > 0) {
      const double z = rng.uniform(-1, 1), phi = rng.uniform(0, 2 * kPi), s = std::sqrt(1 - z * z);
      g.normal = {z, s * std::sin(phi), s * std::cos(phi)};
      // any unit vector orthogonal to the normal
      Vec3 a{0, 0, 1};
      const double dd = a[0] * g.normal[0] + a[1] * g.normal[1] + a[2] * g.normal[2];
      Vec3 c{a[0] - dd * g.normal[0], a[1] - dd * g.normal[1], a[2] - dd * g.normal[2]};
      const double l = std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
      g.corner = {c[0] / l, c[1] / l, c[2] / l};
    }
    const double exact = 1.5 * std::sqrt(3.0) * 15 * 15 * 10;
    REQUIRE(analyticVolume_vox(g) == Approx(exact));
    // Lattice counts of a slab depend on where its faces fall between voxel
    // centres; over random sub-voxel positions (as piling places particles)
    // the mean count is the volume.
    double mean = 0;
    for (int r = 0; r < 40; ++r)
      mean += double(voxelize(g, {rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)}).voxels.size());
    REQUIRE(mean / 40 == Approx(exact).epsilon(0.02));
  }
  // Exact membership: corners and apothem of an axis-aligned hexagon.
  ParticleGeometry h;
  h.shape = ParticleShape::HexagonalPlatelet;
  h.diameter_vox = 20;
  h.thickness_vox = 4;
  REQUIRE(insideParticle(h, {0, 0, 9.99}));          // towards a corner (R = 10)
  REQUIRE_FALSE(insideParticle(h, {0, 0, 10.01}));
  REQUIRE(insideParticle(h, {0, 8.66, 0}));          // apothem R sqrt3/2 = 8.660
  REQUIRE_FALSE(insideParticle(h, {0, 8.67, 0}));
  REQUIRE_FALSE(insideParticle(h, {2.01, 0, 0}));    // half thickness
}

TEST_CASE("recipe scaling hits the volumetric mean diameters exactly", "[recipe]") {
  const Recipe paper = loadRecipe(std::string(SSB_TEST_SOURCE_DIR) + "/data/recipes/paper.json");
  REQUIRE(paper.groups.size() == 8);
  // Table S1: hexagonal platelet 6.0 x 2.0 um has V = (3 sqrt3/2) 3^2 2 um^3.
  REQUIRE(particleVolume_um3(paper.groups[0]) == Approx(1.5 * std::sqrt(3.0) * 9 * 2));
  REQUIRE(volumeEquivalentDiameter_um(paper.groups[5]) == Approx(2.5));
  const Recipe s = scaledRecipe(paper, 2.0, 1.41);
  REQUIRE(volumetricMeanDiameter_um(s, core::kCAM) == Approx(2.0).epsilon(1e-12));
  REQUIRE(volumetricMeanDiameter_um(s, core::kSE) == Approx(1.41).epsilon(1e-12));
  // SE spheres keep their ratios: 2.5 : 1.0 : 0.5.
  REQUIRE(s.groups[5].diameter_um / s.groups[7].diameter_um == Approx(5.0));
}

TEST_CASE("bad recipes name the field", "[recipe]") {
  auto msg = [](const std::string& text) {
    try { parseRecipe(text, "r.json"); } catch (const core::InputError& e) { return std::string(e.what()); }
    return std::string("(accepted)");
  };
  REQUIRE(msg("[1]") == "r.json: not a JSON object (expected a recipe, schemas/recipe.schema.json)");
  REQUIRE(msg(R"({"groups":[{"phase":"cam","shape":"sphere","volume_fraction":1,"diameter_um":-1},
              {"phase":"se","shape":"sphere","volume_fraction":1,"diameter_um":1}]})") ==
          "r.json: groups[0].diameter_um must be > 0");
  REQUIRE(msg(R"({"groups":[{"phase":"cam","shape":"hexagonal_platelet","volume_fraction":1,"diameter_um":1},
              {"phase":"se","shape":"sphere","volume_fraction":1,"diameter_um":1}]})") ==
          "r.json: groups[0].thickness_um is missing");
  REQUIRE(msg(R"({"groups":[{"phase":"cam","shape":"sphere","volume_fraction":0.5,"diameter_um":1},
              {"phase":"se","shape":"sphere","volume_fraction":1,"diameter_um":1}]})")
              .find("cam groups sums to 0.5") != std::string::npos);
}

TEST_CASE("sintering splits touching grains by surface distance", "[sinter]") {
  // Two single-voxel grains 6 apart on x: growing to fill the line, each
  // takes the voxels nearer to it; the midpoint voxels split 3:3.
  core::Grid<std::uint32_t> g(1, 1, 12, 1.0, 0);
  g(0, 0, 2) = 1;
  g(0, 0, 8) = 2;
  const auto s = sinterToDensity(g, 1.0, 1);
  for (int x = 0; x < 12; ++x) {
    const int d1 = std::min(std::abs(x - 2), 12 - std::abs(x - 2));
    const int d2 = std::min(std::abs(x - 8), 12 - std::abs(x - 8));
    if (d1 < d2) REQUIRE(s.grain(0, 0, x) == 1u);
    if (d2 < d1) REQUIRE(s.grain(0, 0, x) == 2u);
  }
  REQUIRE(s.density == 1.0);
  // A big and a small sphere in contact: the boundary is where the surface
  // distances are equal, so the small grain never takes voxels nearer the big one's surface.
  core::Grid<std::uint32_t> two(21, 21, 41, 1.0, 0);
  ParticleGeometry big, small;
  big.diameter_vox = 16;
  small.diameter_vox = 8;
  for (const auto& v : voxelize(big).voxels) two(10 + v.dz, 10 + v.dy, 12 + v.dx) = 1;
  for (const auto& v : voxelize(small).voxels) two(10 + v.dz, 10 + v.dy, 24 + v.dx) = 2;
  const auto ft = geometry::featureTransform(two);
  const auto grown = sinterToDensity(two, 0.6, 1);
  for (std::size_t i = 0; i < two.size(); ++i)
    if (!two.values()[i] && grown.grain.values()[i]) REQUIRE(grown.grain.values()[i] == ft.nearest.values()[i]);
}

TEST_CASE("density is the fraction of voxels within the offset", "[sinter]") {
  core::Grid<std::uint32_t> g(9, 9, 9, 1.0, 0);
  g(4, 4, 4) = 1;
  // Lattice points within distance r of a point: r=0 -> 1, r=1 -> 7, r=sqrt2 -> 19, r=sqrt3 -> 27.
  REQUIRE(densityAtOffset(g, 0.0) == Approx(1.0 / 729));
  REQUIRE(densityAtOffset(g, 1.0) == Approx(7.0 / 729));
  REQUIRE(densityAtOffset(g, std::sqrt(2.0)) == Approx(19.0 / 729));
  REQUIRE(densityAtOffset(g, std::sqrt(3.0)) == Approx(27.0 / 729));
  // The target is met to the voxel, inside a shell too.
  const auto s = sinterToDensity(g, 12.0 / 729, 3);
  REQUIRE(s.density == Approx(12.0 / 729));
  REQUIRE(s.offset_vox == Approx(std::sqrt(2.0)));
  REQUIRE_THROWS_AS(sinterToDensity(s.grain, 5.0 / 729, 3), core::RuntimeFailure);
}

TEST_CASE("DF-SANE solves a small nonlinear system without derivatives", "[dfsane]") {
  auto F = [](const Eigen::VectorXd& x) {
    Eigen::VectorXd f(2);
    f << x[0] * x[0] - 2.0, std::exp(x[1]) - 3.0;
    return f;
  };
  Eigen::VectorXd x0(2);
  x0 << 1.0, 0.5;
  DfsaneOptions o;
  o.tolerance = 1e-10;
  o.maxEvaluations = 200;
  const auto r = dfsane(F, x0, o);
  REQUIRE(r.converged);
  REQUIRE(r.x[0] == Approx(std::sqrt(2.0)).epsilon(1e-9));
  REQUIRE(r.x[1] == Approx(std::log(3.0)).epsilon(1e-9));
}

TEST_CASE("piles are reproducible, periodic and near the target SVF_CAM", "[pile]") {
  PileOptions o = smallPile(60, 40, 11);
  const Pile a = pileParticles(o);
  Pile b;
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    b = pileParticles(o);
  }
  REQUIRE(a.grain == b.grain);
  const auto phase = phaseFromGrains(a.grain, a.phaseOfId);
  REQUIRE(core::phaseFractions(phase).svfCam() == Approx(0.4).margin(0.03));
  REQUIRE(core::phaseFractions(phase).density() > 0.4);
  o.seed = 12;
  REQUIRE(pileParticles(o).grain != a.grain);
  // No particle overlaps another: every particle's voxel count in the whole
  // pile equals its mask's (particles cut by the crop excepted).
  for (const auto& p : a.particles) REQUIRE(p.voxels > 0);
}

TEST_CASE("analytic particle surfaces: 4 pi R^2, and two hexagons plus six sides", "[particle]") {
  ParticleGeometry sphere;
  sphere.diameter_vox = 10;
  REQUIRE(analyticSurface_vox2(sphere) == Approx(4 * kPi * 25));
  // Volume over surface of a sphere is R/3.
  REQUIRE(analyticVolume_vox(sphere) / analyticSurface_vox2(sphere) == Approx(5.0 / 3));
  ParticleGeometry plate;
  plate.shape = ParticleShape::HexagonalPlatelet;
  plate.diameter_vox = 20;
  plate.thickness_vox = 4;
  // The two faces are the hexagon the volume extrudes (V / t each); the six
  // sides are R x t rectangles (a regular hexagon's edge is its circumradius).
  REQUIRE(analyticSurface_vox2(plate) == Approx(2 * analyticVolume_vox(plate) / 4 + 6 * 10 * 4));
}

TEST_CASE("the balanced phase choice meets the target in the kept slab, in volume or in grown volume", "[pile]") {
  PileOptions o = smallPile(90, 50, 5);
  // Counted from the particle table, independently of the pile's own
  // bookkeeping: each particle's voxels in the crop, and its surface in
  // proportion. One particle more or less moves the share by at most its
  // volume over the slab's solid.
  auto grownShare = [](const Pile& pile, double growth) {
    double cam = 0, all = 0, largest = 0;
    for (const auto& p : pile.particles) {
      const double v = double(p.voxels) + growth * analyticSurface_vox2(p.geometry) *
                                              std::min(1.0, double(p.voxels) / analyticVolume_vox(p.geometry));
      all += v;
      largest = std::max(largest, v);
      if (p.phase == core::kCAM) cam += v;
    }
    return std::pair{cam / all, largest / all};
  };
  const Pile plain = pileParticles(o);
  auto [share, slack] = grownShare(plain, 0.0);
  // Overlaps are few (voxels a later particle takes); allow twice the slack.
  REQUIRE(share == Approx(0.4).margin(2 * slack + 0.005));
  o.balanceGrowth_vox = 2.0;
  const Pile grown = pileParticles(o);
  auto [grownBalance, grownSlack] = grownShare(grown, 2.0);
  REQUIRE(grownBalance == Approx(0.4).margin(2 * grownSlack + 0.005));
  // The SE spheres are smaller (more surface per volume), so balancing the
  // grown volume leaves the pile itself richer in CAM.
  REQUIRE(grownShare(grown, 0.0).first > grownShare(plain, 0.0).first);
}

TEST_CASE("the random phase choice draws CAM by its number share", "[pile]") {
  PileOptions o = smallPile(90, 90, 9);
  o.phaseChoice = PhaseChoice::Random;
  const Pile pile = pileParticles(o);
  // Volume share 0.4 with CAM spheres (0.8/0.5)^3 times the SE's volume:
  // number share p = (0.4/v_c) / (0.4/v_c + 0.6/v_s).
  const double ratio = std::pow(0.8 / 0.5, 3.0);
  const double p = (0.4 / ratio) / (0.4 / ratio + 0.6);
  double cam = 0;
  for (std::size_t id = 1; id < pile.phaseOfId.size(); ++id) cam += pile.phaseOfId[id] == core::kCAM;
  const double n = double(pile.phaseOfId.size() - 1);
  // Binomial: within 4 standard deviations.
  REQUIRE(cam / n == Approx(p).margin(4 * std::sqrt(p * (1 - p) / n)));
}

TEST_CASE("the signed surface distance is negative exactly inside, and exact off faces", "[particle]") {
  ParticleGeometry sphere;
  sphere.diameter_vox = 8;
  REQUIRE(surfaceDistance_vox(sphere, {0, 0, 5}) == Approx(1.0));
  REQUIRE(surfaceDistance_vox(sphere, {0, 3, 0}) == Approx(-1.0));
  ParticleGeometry plate;
  plate.shape = ParticleShape::HexagonalPlatelet;
  plate.diameter_vox = 12;
  plate.thickness_vox = 4;
  plate.normal = {0, 0.6, 0.8};
  plate.corner = {1, 0, 0};
  // Along the normal, 0.5 beyond the face; along the corner axis, the
  // nearest side planes are the slanted ones: (sqrt3 u - sqrt3 R) / 2.
  REQUIRE(surfaceDistance_vox(plate, {0, 0.6 * 2.5, 0.8 * 2.5}) == Approx(0.5));
  REQUIRE(surfaceDistance_vox(plate, {7, 0, 0}) == Approx(std::sqrt(3.0) / 2));
  core::Rng rng(3, 0);
  for (int k = 0; k < 2000; ++k) {
    const Vec3 r{rng.uniform(-8, 8), rng.uniform(-8, 8), rng.uniform(-8, 8)};
    for (const auto& g : {sphere, plate}) REQUIRE((surfaceDistance_vox(g, r) <= 0) == insideParticle(g, r));
  }
}

TEST_CASE("pressing moves centres by 1 - strain and splits overlaps by depth", "[press]") {
  REQUIRE(slicesBeforePressing(250, 0.15) == 295);
  REQUIRE(slicesBeforePressing(100, 0.2) == 125);
  // Two spheres of radius 5 touching along z in a 30-slice slab; pressed by
  // 0.2 into 24 slices their centres come 8 apart and overlap.
  std::vector<PiledParticle> two(2);
  for (int k = 0; k < 2; ++k) {
    two[k].id = std::uint32_t(k + 1);
    two[k].geometry.diameter_vox = 10;
    two[k].centre_vox = {10.0 + 10.0 * k, 8.3, 8.6};
  }
  const Pressed p = pressAlongZ(two, 30, core::Shape{24, 16, 16}, 1e-7, 0.2);
  REQUIRE(p.particles.size() == 2);
  REQUIRE(p.particles[0].centre_vox[0] == Approx((10.0 - 15.0) * 0.8 + 12.0));
  REQUIRE(p.particles[1].centre_vox[0] == Approx((20.0 - 15.0) * 0.8 + 12.0));
  // Each voxel inside either sphere goes to the one it lies deeper in
  // (checked voxel by voxel), and the contact is the flat disc between them.
  std::size_t contact = 0;
  for (std::size_t z = 0; z < 24; ++z)
    for (std::size_t y = 0; y < 16; ++y)
      for (std::size_t x = 0; x < 16; ++x) {
        double d[2];
        for (int k = 0; k < 2; ++k) {
          const auto& c = p.particles[std::size_t(k)].centre_vox;
          d[k] = surfaceDistance_vox(two[0].geometry, {double(z) - c[0], double(y) - c[1], double(x) - c[2]});
        }
        const std::uint32_t want = std::min(d[0], d[1]) > 0 ? 0 : (d[1] < d[0] ? 2 : 1);
        REQUIRE(p.grain(z, y, x) == want);
        if (z + 1 < 24 && p.grain(z, y, x) == 1 && p.grain(z + 1, y, x) == 2) ++contact;
      }
  // The spheres meet in the plane midway, a disc of radius sqrt(25 - 16) = 3:
  // about pi 9 = 28 voxel columns.
  REQUIRE(contact == Approx(28.3).margin(6));
  REQUIRE(p.particles[0].voxels + p.particles[1].voxels ==
          std::size_t(std::count_if(p.grain.begin(), p.grain.end(), [](auto g) { return g != 0; })));
}

TEST_CASE("a pressed pile is denser by about 1 / (1 - strain)", "[press]") {
  StructureOptions o;
  o.pile = smallPile(80, 40, 7);
  o.pile.recipe = twoSpheres();
  o.dCam_um = 0.8;
  o.dSe_um = 0.5;
  o.pressStrain = 0.0;
  const double loose = core::phaseFractions(generateStructure(o).phase).density();
  o.pressStrain = 0.15;
  const double pressed = core::phaseFractions(generateStructure(o).phase).density();
  // Overlaps cost some volume: between the pile's density and 1/(1 - strain) of it.
  REQUIRE(pressed > loose * 1.05);
  REQUIRE(pressed < loose / 0.85 + 0.01);
  // The fit presses less where the target lies below the pressed density:
  // the strain found gives a pile at most at the density asked, and close.
  const double want = 0.5 * (loose + pressed);
  const double strain = strainForDensity(o, 0.4, want);
  REQUIRE(strain > 0.0);
  REQUIRE(strain < 0.15);
  o.pressStrain = strain;
  const double reached = core::phaseFractions(generateStructure(o).phase).density();
  REQUIRE(reached <= want);
  REQUIRE(reached == Approx(want).margin(0.01));
  o.pressStrain = 0.15;
  o.pile.box = {44, 40, 40};
  REQUIRE_THROWS_AS(generateStructure(o), core::InputError);  // 40 / 0.85 = 48 slices needed
}

TEST_CASE("a pile record gives back the options that piled it", "[record]") {
  StructureOptions o;
  o.pile.box = {70, 31, 29};
  o.pile.cropNz = 50;
  o.pile.voxel_um = 0.2;
  o.pile.recipe = twoSpheres();
  o.pile.svfCamBottom = 0.3;
  o.pile.svfCamTop = 0.7;
  o.pile.flatPlatelets = true;
  o.pile.seed = 123456789012ull;
  o.dCam_um = 3.5;
  o.dSe_um = 0.7;
  o.spreadIterations = 4;
  o.pile.phaseChoice = PhaseChoice::Random;
  o.pile.balanceGrowth_vox = 1.75;
  o.pressStrain = 0.2;
  const StructureOptions r = pileRecordFromJson(pileRecordToJson(o), "p.h5");
  REQUIRE(r.pressStrain == 0.2);
  REQUIRE(r.pile.phaseChoice == PhaseChoice::Random);
  REQUIRE(r.pile.balanceGrowth_vox == 1.75);
  o.pile.phaseChoice = PhaseChoice::Balanced;
  o.pile.balanceGrowth_vox = 0;
  REQUIRE(r.pile.box == o.pile.box);
  REQUIRE(r.pile.cropNz == 50);
  REQUIRE(r.pile.voxel_um == 0.2);
  REQUIRE(r.pile.svfCamBottom == 0.3);
  REQUIRE(r.pile.svfCamTop == 0.7);
  REQUIRE(r.pile.flatPlatelets);
  REQUIRE(r.pile.seed == 123456789012ull);
  REQUIRE(r.dCam_um == 3.5);
  REQUIRE(r.dSe_um == 0.7);
  REQUIRE(r.spreadIterations == 4);
  REQUIRE(recipeToJson(r.pile.recipe) == recipeToJson(o.pile.recipe));
  // The same options pile the same grains.
  o.pile.box = {40, 16, 16};
  o.pile.cropNz = 30;
  o.pile.voxel_um = 0.1;
  o.dCam_um = 1.0;
  o.dSe_um = 0.6;
  o.spreadIterations = 1;
  REQUIRE(generateStructure(pileRecordFromJson(pileRecordToJson(o), "p.h5")).grain == generateStructure(o).grain);
  auto message = [](const std::string& text) {
    try {
      pileRecordFromJson(text, "p.h5");
    } catch (const core::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  REQUIRE(message("{}") == "p.h5: genstruct.pile: record must be \"ssbvox.pile\"");
  REQUIRE(message(R"({"record":"ssbvox.pile","version":2})").find("version must be 1") != std::string::npos);
  REQUIRE(message(R"({"record":"ssbvox.pile","version":1})") == "p.h5: genstruct.pile: box_zyx is missing");
}
