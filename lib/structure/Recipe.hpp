#pragma once
// Particle recipes for piling (genstruct --recipe): groups of CAM and SE
// particles with shape, size and share of their phase's volume. The default,
// data/recipes/paper.json, is the reference study's Table S1 (docs/model.md §1).
#include <cstdint>
#include <string>
#include <vector>

namespace ssb::structure {

enum class ParticleShape : std::uint8_t { Sphere = 0, HexagonalPlatelet = 1 };

struct ParticleGroup {
  std::uint8_t phase = 0;  // core::kCAM or core::kSE
  ParticleShape shape = ParticleShape::Sphere;
  double volumeFraction = 0.0;  // share of the phase's volume, (0, 1]
  double diameter_um = 0.0;     // sphere diameter, or platelet corner-to-corner diameter
  double thickness_um = 0.0;    // platelets only
};

struct Recipe {
  std::string name;
  std::vector<ParticleGroup> groups;
};

// Reads and checks a recipe (schemas/recipe.schema.json); throws
// core::InputError naming the file and the field at fault.
Recipe loadRecipe(const std::string& path);
Recipe parseRecipe(const std::string& jsonText, const std::string& source);
std::string recipeToJson(const Recipe& recipe);

// Volume of one particle of the group, µm³. A regular hexagonal prism of
// circumradius R = D/2 and thickness t has V = (3√3/2) R² t.
double particleVolume_um3(const ParticleGroup& g);
// Diameter of the sphere of the same volume, µm.
double volumeEquivalentDiameter_um(const ParticleGroup& g);
// Volumetric mean diameter of a phase: Σ w_g d_eq,g with w_g the groups'
// volume fractions (the "volumetric mean diameter" of the reference study).
double volumetricMeanDiameter_um(const Recipe& recipe, std::uint8_t phase);
// The recipe with each phase's dimensions scaled uniformly so that its
// volumetric mean diameter is dCam_um / dSe_um.
Recipe scaledRecipe(const Recipe& recipe, double dCam_um, double dSe_um);

}  // namespace ssb::structure
