#include "structure/Generate.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "core/Sides.hpp"
#include "structure/Dfsane.hpp"
#include "structure/Press.hpp"
#include "structure/Spread.hpp"

namespace ssb::structure {

namespace {
double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

Generated generateStructure(const StructureOptions& o) {
  PileOptions po = o.pile;
  po.recipe = scaledRecipe(o.pile.recipe, o.dCam_um, o.dSe_um);
  // Pressing needs a taller slab to leave the crop's height.
  if (o.pressStrain > 0) {
    po.cropNz = slicesBeforePressing(o.pile.cropNz, o.pressStrain);
    if (po.cropNz > po.box.nz) {
      std::ostringstream m;
      m << "--press-strain " << o.pressStrain << ": the box must hold " << po.cropNz
        << " slices (crop / (1 - strain)) to press, it has " << po.box.nz;
      throw core::InputError(m.str());
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  Pile pile = pileParticles(po);
  core::log().debug("piled {} particles in {:.2f} s", pile.dropped, secondsSince(t0));
  t0 = std::chrono::steady_clock::now();
  Generated g;
  g.scaledRecipe = po.recipe;
  g.dropped = pile.dropped;
  const std::uint32_t maxId = static_cast<std::uint32_t>(pile.phaseOfId.size() - 1);
  if (o.spreadIterations > 0) {
    const auto spread = spreadForUniformSpacing(pile.grain, maxId, o.spreadIterations);
    g.spreadMoves = spread.moved;
    const double ny = double(pile.grain.ny()), nx = double(pile.grain.nx());
    for (auto& p : pile.particles) {
      const auto& d = spread.shift_vox[p.id];
      p.centre_vox[0] += double(d[0]);
      p.centre_vox[1] = core::wrapPosition(p.centre_vox[1] + double(d[1]), ny);
      p.centre_vox[2] = core::wrapPosition(p.centre_vox[2] + double(d[2]), nx);
    }
  }
  core::log().debug("spread grains ({} moves) in {:.2f} s", g.spreadMoves, secondsSince(t0));
  if (o.pressStrain > 0) {
    t0 = std::chrono::steady_clock::now();
    const core::Shape shape{o.pile.cropNz, pile.grain.ny(), pile.grain.nx()};
    Pressed pressed = pressAlongZ(pile.particles, pile.grain.nz(), shape, pile.grain.voxelSize_m(), o.pressStrain);
    pile.grain = std::move(pressed.grain);
    pile.particles = std::move(pressed.particles);
    core::log().debug("pressed by {:.3f} in {:.2f} s", o.pressStrain, secondsSince(t0));
  }
  g.phase = phaseFromGrains(pile.grain, pile.phaseOfId);
  g.grain = std::move(pile.grain);
  g.particles = std::move(pile.particles);
  g.phaseOfId = std::move(pile.phaseOfId);
  return g;
}

double expectedGrowth_vox(const Generated& pile, double targetDensity) {
  double surface = 0;
  for (const auto& p : pile.particles)
    surface += analyticSurface_vox2(p.geometry) * std::min(1.0, double(p.voxels) / analyticVolume_vox(p.geometry));
  const double solid = core::phaseFractions(pile.phase).density();
  const double added_vox = std::max(0.0, targetDensity - solid) * double(pile.grain.size());
  return surface > 0 ? added_vox / surface : 0.0;
}

double strainForDensity(const StructureOptions& options, double svfCam, double density,
                        std::optional<double> densityAtGivenStrain) {
  StructureOptions o = options;
  o.pile.svfCamBottom = o.pile.svfCamTop = svfCam;
  auto densityAt = [&](double strain) {
    o.pressStrain = strain;
    return core::phaseFractions(generateStructure(o).phase).density();
  };
  // Regula falsi on [0, given strain]: the pressed density rises with the
  // strain (the same particles, moved closer).
  double lo = 0.0, hi = options.pressStrain, dLo = densityAt(0.0);
  double dHi = densityAtGivenStrain ? *densityAtGivenStrain : densityAt(hi);
  if (dLo >= density) return 0.0;
  if (dHi <= density) return hi;
  for (int k = 0; k < 8 && hi - lo > 1e-4; ++k) {
    const double mid = std::clamp(lo + (hi - lo) * (density - dLo) / (dHi - dLo), lo + 0.05 * (hi - lo),
                                  hi - 0.05 * (hi - lo));
    const double d = densityAt(mid);
    if (std::abs(d - density) < 0.001) return d <= density ? mid : lo + 0.5 * (mid - lo);
    if (d < density) { lo = mid; dLo = d; } else { hi = mid; dHi = d; }
  }
  return lo;  // the densest pile still below `density`
}

Fitted fitToTargets(const StructureOptions& given, const FitTargets& t) {
  StructureOptions base = given;
  std::map<double, Generated> piles;  // by SVF input: re-pile only when it changes
  Fitted best;
  double bestError = 1e300;
  int evaluations = 0;
  auto pileFor = [&](double svfIn) -> Generated& {
    auto it = piles.find(svfIn);
    if (it != piles.end()) return it->second;
    StructureOptions o = base;
    o.pile.svfCamBottom = o.pile.svfCamTop = svfIn;
    if (piles.size() > 3) piles.erase(piles.begin());  // bound the memory
    return piles.emplace(svfIn, generateStructure(o)).first->second;
  };
  auto residual = [&](const Eigen::VectorXd& x) {
    ++evaluations;
    Generated& g = pileFor(x[0]);
    const double piled = core::phaseFractions(g.phase).density();
    const double rhoIn = std::max(x[1], piled);
    Sintered s = sinterToDensity(g.grain, rhoIn, base.pile.seed);
    auto phase = phaseFromGrains(s.grain, g.phaseOfId);
    const core::Fractions reached = core::phaseFractions(phase);
    const double svf = reached.svfCam(), rho = reached.density();
    Eigen::VectorXd F(2);
    F << svf - t.svfCam, rho - t.density;
    core::log().info("fit {}: SVF_CAM input {:.4f}, density input {:.4f} -> SVF_CAM {:.4f}, density {:.4f}",
                     evaluations, x[0], rhoIn, svf, rho);
    const double err = F.cwiseAbs().maxCoeff();
    if (err < bestError) {
      bestError = err;
      best.pile = g;
      best.sintered = std::move(s);
      best.phase = std::move(phase);
      best.svfCam = svf;
      best.density = rho;
      best.svfCamInput = x[0];
    }
    return F;
  };
  // Check reachability of the density first, on the pile at the target SVF.
  {
    Generated* g = &pileFor(t.svfCam);
    double piled = core::phaseFractions(g->phase).density();
    if (base.pressStrain > 0 && t.density < piled + kPressMargin) {
      // Pressed denser than the target allows (an SE-rich pile packs
      // tighter): press less, so that sintering still adds kPressMargin.
      base.pressStrain = strainForDensity(base, t.svfCam, t.density - kPressMargin, piled);
      piles.clear();
      g = &pileFor(t.svfCam);
      piled = core::phaseFractions(g->phase).density();
      core::log().info("pressing by {:.4f} instead (pile density {:.4f}) to leave room below the target density",
                       base.pressStrain, piled);
    }
    if (t.density < piled) {
      std::ostringstream m;
      m << "target density " << t.density << " is below the density of the pile itself ("
        << piled << "): sintering only densifies (press less with --press-strain, or not at all with 0)";
      throw core::RuntimeFailure(m.str());
    }
    // Balance the phases of the piles to come on the volume each particle
    // will have after sintering, so SVF_CAM after sintering follows the
    // input instead of drifting by how much surface each phase happens to
    // expose (the phase with more surface per volume gains more).
    base.pile.balanceGrowth_vox = expectedGrowth_vox(*g, t.density);
    piles.clear();
  }
  DfsaneOptions opt;
  opt.tolerance = t.tolerance;
  opt.maxEvaluations = t.maxEvaluations;
  // Both targets respond about one to one to their inputs (the density
  // exactly; SVF_CAM through the growth-balanced piles), while each re-pile
  // adds noise of a few tenths of a point to SVF_CAM: keep the spectral
  // steps near the identity's.
  opt.sigmaMin = 0.5;
  opt.sigmaMax = 2.0;
  Eigen::VectorXd x0(2);
  x0 << t.svfCam, t.density;
  auto project = [&](const Eigen::VectorXd& x) {
    Eigen::VectorXd p = x;
    p[0] = std::clamp(p[0], 0.001, 0.999);
    p[1] = std::clamp(p[1], 0.0, 1.0);
    return p;
  };
  // DF-SANE first, as the reference study did.
  std::vector<std::pair<double, double>> tried;  // (SVF input, SVF_CAM error)
  auto recorded = [&](const Eigen::VectorXd& x) {
    Eigen::VectorXd F = residual(x);
    tried.push_back({x[0], F[0]});
    return F;
  };
  opt.maxEvaluations = std::max(1, t.maxEvaluations * 2 / 3);
  const DfsaneResult r = dfsane(recorded, x0, opt, project);
  // Each pile is a new random packing, so SVF_CAM is a noisy function of the
  // SVF input and the line search can stall near the target. Then the
  // remaining evaluations go to a safeguarded secant search inside the
  // tightest bracket of the points tried (the density is met exactly by every
  // sintering, so only the SVF input is left).
  while (bestError > t.tolerance && evaluations < t.maxEvaluations) {
    double lo = -1, hi = -1, flo = 0, fhi = 0;
    for (const auto& [x, f] : tried) {
      if (f < 0 && (lo < 0 || f > flo)) { lo = x; flo = f; }
      if (f > 0 && (hi < 0 || f < fhi)) { hi = x; fhi = f; }
    }
    double next;
    if (lo >= 0 && hi >= 0) {
      next = lo - flo * (hi - lo) / (fhi - flo);
      const double span = std::abs(hi - lo);
      if (span > 0) next = std::clamp(next, std::min(lo, hi) + 0.1 * span, std::max(lo, hi) - 0.1 * span);
    } else {  // no bracket yet: step by the error, as a slope of 1
      const auto& last = tried.back();
      next = last.first - 1.5 * last.second;
    }
    Eigen::VectorXd x(2);
    x << std::clamp(next, 0.001, 0.999), t.density;
    recorded(x);
  }
  best.balanceGrowth_vox = base.pile.balanceGrowth_vox;
  best.pressStrain = base.pressStrain;
  best.evaluations = evaluations;
  best.iterations = r.iterations;
  best.converged = bestError <= t.tolerance;
  return best;
}

void storeParticleTable(core::VoxelVolume& v, const std::vector<PiledParticle>& particles,
                        double voxel_um) {
  std::map<std::string, std::vector<double>> cols;
  for (const auto& p : particles) {
    cols["particle.id"].push_back(p.id);
    cols["particle.phase"].push_back(p.phase);
    cols["particle.shape"].push_back(static_cast<double>(p.geometry.shape));
    cols["particle.centre_z_um"].push_back(p.centre_vox[0] * voxel_um);
    cols["particle.centre_y_um"].push_back(p.centre_vox[1] * voxel_um);
    cols["particle.centre_x_um"].push_back(p.centre_vox[2] * voxel_um);
    cols["particle.diameter_um"].push_back(p.geometry.diameter_vox * voxel_um);
    cols["particle.thickness_um"].push_back(p.geometry.thickness_vox * voxel_um);
    cols["particle.normal_z"].push_back(p.geometry.normal[0]);
    cols["particle.normal_y"].push_back(p.geometry.normal[1]);
    cols["particle.normal_x"].push_back(p.geometry.normal[2]);
    cols["particle.corner_z"].push_back(p.geometry.corner[0]);
    cols["particle.corner_y"].push_back(p.geometry.corner[1]);
    cols["particle.corner_x"].push_back(p.geometry.corner[2]);
    cols["particle.voxels"].push_back(double(p.voxels));
  }
  for (auto& [name, values] : cols) v.series[name] = std::move(values);
}

}  // namespace ssb::structure
