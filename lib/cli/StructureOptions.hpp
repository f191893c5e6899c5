#pragma once
// The piling options genstruct takes and sinter reads back from a pile's
// provenance to pile again (target fitting).
#include <CLI/CLI.hpp>
#include <string>

#include "structure/Generate.hpp"

namespace ssb::cli {

struct PileArguments {
  double svfCam = 0.5;
  std::string svfCamProfile;  // "A:B", linear from z = 0 to z = nz-1
  double dCam_um = 2.0;
  double dSe_um = 1.41;
  std::string recipePath;     // default: the paper's recipe
  std::string orientation = "random";
  std::string box = "250x250x650";
  std::string crop = "250x250x500";
  double voxel_um = 0.1;
  int spreadIterations = 2;
};

std::string defaultRecipePath();  // data/recipes/paper.json of this ssbvox
void addPileOptions(CLI::App& app, PileArguments& args);
// Checks the combination (crop inside the box, profile syntax, recipe) and
// builds the options; throws core::InputError naming the option.
structure::StructureOptions structureOptions(const PileArguments& args, std::uint64_t seed,
                                             const std::string* recipeJson = nullptr);
// The arguments of the genstruct step recorded in a provenance parameters
// JSON object; throws core::InputError if a field is missing.
PileArguments pileArgumentsFromJson(const std::string& parametersJson, const std::string& source);

}  // namespace ssb::cli
