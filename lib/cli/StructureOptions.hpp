#pragma once
// The piling options genstruct takes, and how sinter finds the options
// that made a pile, to pile again (target fitting).
#include <CLI/CLI.hpp>
#include <string>

#include "core/VoxelVolume.hpp"
#include "structure/Generate.hpp"

namespace ssb::cli {

struct PileArguments {
  double svfCam = 0.5;
  std::string svfCamProfile;  // "A:B", linear from z = 0 to z = nz-1
  double dCam_um = 2.0;
  double dSe_um = 1.41;
  std::string recipePath;     // default: the paper's recipe
  std::string orientation = "random";
  std::string phaseChoice = "balanced";
  std::string box = "250x250x650";
  std::string crop = "250x250x500";
  double voxel_um = 0.1;
  int spreadIterations = 0;
  double pressStrain = 0.15;
};

std::string defaultRecipePath();  // data/recipes/paper.json of this ssbvox
void addPileOptions(CLI::App& app, PileArguments& args);
// Checks the combination (crop inside the box, profile syntax, recipe) and
// builds the options; throws core::InputError naming the option.
structure::StructureOptions structureOptions(const PileArguments& args, std::uint64_t seed,
                                             const std::string* recipeJson = nullptr);
// The options that piled `volume`: its structured record (the metric
// "genstruct.pile", structure/PileRecord.hpp) or, in a pile of ssbvox
// 0.1.0, which had none, its last genstruct step's command-line options
// and its "recipe" metric. Throws core::InputError naming `source` where
// neither is there or complete.
structure::StructureOptions pileOptionsOf(const core::VoxelVolume& volume, const std::string& source);

}  // namespace ssb::cli
