#include "structure/Pile.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "core/Progress.hpp"
#include "core/Rng.hpp"
#include "core/Sides.hpp"

namespace ssb::structure {

namespace {

constexpr double kPi = 3.14159265358979323846;

Vec3 randomUnit(core::Rng& rng) {
  const double z = rng.uniform(-1.0, 1.0), phi = rng.uniform(0.0, 2 * kPi);
  const double s = std::sqrt(std::max(0.0, 1.0 - z * z));
  return {z, s * std::sin(phi), s * std::cos(phi)};
}

// A unit vector orthogonal to n, turned by a random angle about n.
Vec3 randomPerpendicular(const Vec3& n, core::Rng& rng) {
  Vec3 a = std::abs(n[0]) < 0.9 ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
  const double d = a[0] * n[0] + a[1] * n[1] + a[2] * n[2];
  Vec3 e1{a[0] - d * n[0], a[1] - d * n[1], a[2] - d * n[2]};
  const double l = std::sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
  for (auto& c : e1) c /= l;
  const Vec3 e2{n[1] * e1[2] - n[2] * e1[1], n[2] * e1[0] - n[0] * e1[2], n[0] * e1[1] - n[1] * e1[0]};
  const double t = rng.uniform(0.0, 2 * kPi);
  return {std::cos(t) * e1[0] + std::sin(t) * e2[0], std::cos(t) * e1[1] + std::sin(t) * e2[1],
          std::cos(t) * e1[2] + std::sin(t) * e2[2]};
}

// The pile's surface: first free z per column. Positions passed in lie within
// one period of the box (|offset| < n), so wrapping is a compare, not a modulo.
struct HeightMap {
  long ny, nx;
  std::vector<int> h;
  std::size_t wrap(long y, long x) const {
    return std::size_t(core::wrapNear(y, ny)) * std::size_t(nx) + std::size_t(core::wrapNear(x, nx));
  }
  int& ref(long y, long x) { return h[wrap(y, x)]; }
  // The z of the particle's reference voxel when it rests with its reference at (y, x).
  int restZ(const VoxelMask& m, long y, long x) const {
    int z = std::numeric_limits<int>::min();
    for (const auto& c : m.columns) z = std::max(z, h[wrap(y + c.dy, x + c.dx)] - c.bottom);
    return z;
  }
};

}  // namespace

core::Grid<std::uint8_t> phaseFromGrains(const core::Grid<std::uint32_t>& grain,
                                         const std::vector<std::uint8_t>& phaseOfId) {
  core::Grid<std::uint8_t> phase(grain.shape(), grain.voxelSize_m(), core::kPore);
  for (std::size_t i = 0; i < grain.size(); ++i) phase.values()[i] = phaseOfId[grain.values()[i]];
  return phase;
}

std::vector<std::uint8_t> phaseOfGrains(const core::Grid<std::uint8_t>& phase,
                                        const core::Grid<std::uint32_t>& grain, const std::string& source) {
  std::vector<std::uint8_t> phaseOf(1, core::kPore);
  std::vector<bool> seen(1, true);
  for (std::size_t i = 0; i < grain.size(); ++i) {
    const auto id = grain.values()[i];
    const auto p = phase.values()[i];
    if ((id == 0) != (p == core::kPore))
      throw core::InputError(source + ": /grain and /phase disagree at voxel " + std::to_string(i) +
                             (id ? " (a grain voxel that is pore)" : " (a solid voxel without grain)"));
    if (id >= phaseOf.size()) {
      phaseOf.resize(std::size_t(id) + 1, core::kPore);
      seen.resize(std::size_t(id) + 1, false);
    }
    if (!seen[id]) {
      seen[id] = true;
      phaseOf[id] = p;
    } else if (phaseOf[id] != p) {
      throw core::InputError(source + ": grain " + std::to_string(id) + " spans two phases in /phase");
    }
  }
  return phaseOf;
}

Pile pileParticles(const PileOptions& o) {
  const auto& box = o.box;
  if (o.cropNz > box.nz) throw core::InputError("--crop: larger than the box");
  const std::size_t nz = box.nz, ny = box.ny, nx = box.nx;
  core::Grid<std::uint32_t> grain(box, o.voxel_um * 1e-6, 0);
  HeightMap hm{long(ny), long(nx), std::vector<int>(ny * nx, 0)};

  // Number shares of the groups within each phase: w_g / V_g, normalised;
  // and the mean particle volume per phase, sum w / sum w/V, for the number
  // share of CAM particles that gives a volume share (PhaseChoice::Random).
  std::vector<std::vector<std::pair<double, std::uint32_t>>> byPhase(3);
  std::array<double, 3> volumeShare{}, meanVolume{1.0, 1.0, 1.0};
  for (std::uint32_t g = 0; g < o.recipe.groups.size(); ++g) {
    const auto& grp = o.recipe.groups[g];
    byPhase[grp.phase].push_back({grp.volumeFraction / particleVolume_um3(grp), g});
    volumeShare[grp.phase] += grp.volumeFraction;
  }
  for (std::size_t ph = 0; ph < byPhase.size(); ++ph) {
    auto& list = byPhase[ph];
    double total = 0;
    for (auto& e : list) total += e.first;
    if (total > 0) meanVolume[ph] = volumeShare[ph] / total;
    double acc = 0;
    for (auto& e : list) e.first = (acc += e.first / total);  // cumulative
  }

  Pile pile;
  pile.phaseOfId.push_back(core::kPore);
  std::vector<PiledParticle> all;
  // Target CAM volume minus CAM volume piled, counted inside the slab that
  // the crop keeps: the kept structure's SVF_CAM then follows the target to
  // within one particle, whatever fell below or above it.
  double camDeficit_vox = 0.0;
  const long keptBottom = long((nz - o.cropNz) / 2), keptTop = keptBottom + long(o.cropNz);
  double filled = 0.0;          // sum of the height map
  const double full = double(nz) * double(ny * nx);
  core::Progress progress("piling", 1000);
  const std::uint64_t maxParticles = 50'000'000;
  while (filled < full && all.size() < maxParticles) {
    const std::uint32_t id = static_cast<std::uint32_t>(all.size() + 1);
    core::Rng rng(o.seed, id);  // one stream per particle: reproducible
    // Phase by error diffusion of volume against the target at the pile's height.
    // The profile runs over the cropped slab that will be kept.
    const double height = filled / double(ny * nx) - double((nz - o.cropNz) / 2);
    const double t = o.cropNz > 1 ? std::clamp(height / double(o.cropNz - 1), 0.0, 1.0) : 0.0;
    const double svf = o.svfCamBottom + (o.svfCamTop - o.svfCamBottom) * t;
    std::uint8_t phase;
    if (o.phaseChoice == PhaseChoice::Random) {
      const double cam = svf / meanVolume[core::kCAM], se = (1.0 - svf) / meanVolume[core::kSE];
      phase = rng.uniform() < cam / (cam + se) ? core::kCAM : core::kSE;
    } else {
      phase = camDeficit_vox > 0.0 ? core::kCAM
              : camDeficit_vox < 0.0 ? core::kSE
              : (rng.uniform() < svf ? core::kCAM : core::kSE);
    }
    const double u = rng.uniform();
    std::uint32_t group = byPhase[phase].back().second;
    for (const auto& [cum, g] : byPhase[phase])
      if (u < cum) { group = g; break; }
    const auto& grp = o.recipe.groups[group];

    PiledParticle p;
    p.id = id;
    p.phase = phase;
    p.group = group;
    p.geometry.shape = grp.shape;
    p.geometry.diameter_vox = grp.diameter_um / o.voxel_um;
    p.geometry.thickness_vox = grp.thickness_um / o.voxel_um;
    if (grp.shape == ParticleShape::HexagonalPlatelet) {
      p.geometry.normal = o.flatPlatelets ? Vec3{1, 0, 0} : randomUnit(rng);
      p.geometry.corner = randomPerpendicular(p.geometry.normal, rng);
    }
    const Vec3 sub{rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)};
    const VoxelMask mask = voxelize(p.geometry, sub);
    long y = static_cast<long>(rng.below(ny)), x = static_cast<long>(rng.below(nx));

    // Drop, then roll downhill while some neighbouring position rests lower.
    int z = hm.restZ(mask, y, x);
    for (int step : {4, 2, 1}) {
      for (int moves = 0; moves < 64; ++moves) {
        int bestZ = z;
        long by = y, bx = x;
        for (int k = 0; k < 8; ++k) {
          static const int dy8[8] = {-1, -1, -1, 0, 0, 1, 1, 1}, dx8[8] = {-1, 0, 1, -1, 1, -1, 0, 1};
          long cy = y + dy8[k] * step, cx = x + dx8[k] * step;
          cy = cy < 0 ? cy + long(ny) : (cy >= long(ny) ? cy - long(ny) : cy);
          cx = cx < 0 ? cx + long(nx) : (cx >= long(nx) ? cx - long(nx) : cx);
          const int cz = hm.restZ(mask, cy, cx);
          if (cz < bestZ) { bestZ = cz; by = cy; bx = cx; }
        }
        if (bestZ >= z) break;
        z = bestZ; y = by; x = bx;
      }
    }
    y = ((y % long(ny)) + long(ny)) % long(ny);
    x = ((x % long(nx)) + long(nx)) % long(nx);
    for (const auto& v : mask.voxels) {
      const long vz = z + v.dz;
      if (vz < 0 || vz >= long(nz)) continue;
      const std::size_t vy = std::size_t((y + v.dy + long(ny)) % long(ny));
      const std::size_t vx = std::size_t((x + v.dx + long(nx)) % long(nx));
      grain(std::size_t(vz), vy, vx) = id;
    }
    for (const auto& c : mask.columns) {
      int& h = hm.ref(y + c.dy, x + c.dx);
      const int top = z + c.top + 1;
      if (top > h) {
        filled += std::min<double>(top, double(nz)) - std::min<double>(h, double(nz));
        h = top;
      }
    }
    std::size_t kept = 0;
    for (const auto& v : mask.voxels) kept += (z + v.dz >= keptBottom && z + v.dz < keptTop);
    const double keptShare = double(kept) / double(mask.voxels.size());
    const double volume = double(kept) + o.balanceGrowth_vox * analyticSurface_vox2(p.geometry) * keptShare;
    camDeficit_vox += svf * volume - (phase == core::kCAM ? volume : 0.0);
    p.centre_vox = {z + sub[0], y + sub[1], x + sub[2]};
    all.push_back(p);
    pile.phaseOfId.push_back(phase);
    progress.update(static_cast<std::uint64_t>(1000.0 * filled / full));
  }
  progress.finish();
  pile.dropped = all.size();

  // Crop the central slab in z.
  const std::size_t z0 = (nz - o.cropNz) / 2;
  pile.grain = core::Grid<std::uint32_t>(o.cropNz, ny, nx, o.voxel_um * 1e-6, 0);
  std::copy(grain.data() + z0 * ny * nx, grain.data() + (z0 + o.cropNz) * ny * nx,
            pile.grain.data());
  std::vector<std::uint64_t> count(all.size() + 1, 0);
  for (auto g : pile.grain) ++count[g];
  for (auto& p : all) {
    if (count[p.id] == 0) continue;
    p.voxels = count[p.id];
    p.centre_vox[0] -= double(z0);
    pile.particles.push_back(p);
  }
  return pile;
}

}  // namespace ssb::structure
