#pragma once
// A virtual composite cathode from the reference study's process steps
// (docs/model.md §1-2): pile (Pile.hpp), crop, spread for uniform spacing
// (Spread.hpp), and optionally sinter to a density (Sinter.hpp); plus the
// target fit that repeats piling and sintering with adjusted inputs until
// the sintered SVF_CAM and density are both within tolerance (DF-SANE).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Grid.hpp"
#include "core/VoxelVolume.hpp"
#include "structure/Pile.hpp"
#include "structure/Recipe.hpp"
#include "structure/Sinter.hpp"

namespace ssb::structure {

struct StructureOptions {
  PileOptions pile;     // pile.recipe: the recipe as given (unscaled)
  double dCam_um = 2.0; // volumetric mean diameters before sintering
  double dSe_um = 1.41;
  int spreadIterations = 0;
  double pressStrain = 0.15; // uniaxial strain along z after spreading (Press.hpp); 0: no pressing
};

struct Generated {
  core::Grid<std::uint32_t> grain;
  core::Grid<std::uint8_t> phase;
  std::vector<PiledParticle> particles;
  std::vector<std::uint8_t> phaseOfId;
  Recipe scaledRecipe;
  std::uint64_t dropped = 0;
  std::size_t spreadMoves = 0;
};

Generated generateStructure(const StructureOptions& options);

struct FitTargets {
  double density = 0.931;
  double svfCam = 0.5;
  double tolerance = 0.0025;  // absolute, both targets ("0.25 %" read as points)
  int maxEvaluations = 24;
};

struct Fitted {
  Generated pile;
  Sintered sintered;
  core::Grid<std::uint8_t> phase;  // after sintering
  double svfCam = 0, density = 0;  // reached
  double svfCamInput = 0;          // the pile's SVF_CAM input that reached it
  double balanceGrowth_vox = 0;    // the growth the piles' phase balance counted (PileOptions)
  double pressStrain = 0;          // the strain the piles were pressed by (lowered where the target needs)
  int evaluations = 0, iterations = 0;
  bool converged = false;
};

// The growth distance (voxels) that sintering `pile` to `targetDensity`
// needs if every particle surface grew alike: added volume over the
// particles' analytic surface in the kept slab.
double expectedGrowth_vox(const Generated& pile, double targetDensity);

// The density sintering must at least add when the fit presses (0.01: one
// point of density); and the largest strain, at most options.pressStrain,
// whose pressed pile (at `svfCam`) stays at or below `density`.
inline constexpr double kPressMargin = 0.01;
// `densityAtGivenStrain`, when the caller has piled at options.pressStrain
// already, spares piling it again.
double strainForDensity(const StructureOptions& options, double svfCam, double density,
                        std::optional<double> densityAtGivenStrain = std::nullopt);

// Fits the pile's SVF_CAM input and the sintering density so that the
// sintered structure meets both targets. Piles anew only when the SVF input
// changes. Throws core::RuntimeFailure if the density is below what piling
// gives or the targets are not met within maxEvaluations.
Fitted fitToTargets(const StructureOptions& options, const FitTargets& targets);

// Writes the particle table into a volume's /series as columns
// particle.id, particle.phase, particle.shape (0 sphere, 1 hexagonal
// platelet), particle.centre_{z,y,x}_um, particle.diameter_um, particle.corner_{z,y,x},
// particle.thickness_um, particle.normal_{z,y,x}, particle.voxels.
void storeParticleTable(core::VoxelVolume& volume, const std::vector<PiledParticle>& particles,
                        double voxel_um);

}  // namespace ssb::structure
