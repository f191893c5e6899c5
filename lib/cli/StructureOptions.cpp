#include "cli/StructureOptions.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "structure/PileRecord.hpp"

#ifndef SSB_DATA_DIR
#define SSB_DATA_DIR "data"
#endif

namespace ssb::cli {

using core::InputError;

namespace {
core::Shape parseBox(const std::string& text, const std::string& option) {
  unsigned long x = 0, y = 0, z = 0;
  char c1 = 0, c2 = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%lu%c%lu%c%lu%n", &x, &c1, &y, &c2, &z, &used) != 5 || c1 != 'x' ||
      c2 != 'x' || used != int(text.size()) || x == 0 || y == 0 || z == 0)
    throw InputError(option + ": '" + text + "' is not NXxNYxNZ with positive sizes, e.g. 250x250x650");
  return core::Shape{z, y, x};
}
}  // namespace

std::string defaultRecipePath() { return std::string(SSB_DATA_DIR) + "/recipes/paper.json"; }

void addPileOptions(CLI::App& app, PileArguments& a) {
  app.add_option("--svf-cam", a.svfCam, "Target CAM solid volume fraction V_CAM/(V_CAM+V_SE)")
      ->check(cli::OpenFraction)
      ->capture_default_str();
  app.add_option("--svf-cam-profile", a.svfCamProfile,
                 "Gradient cathode: SVF_CAM A at the separator (z=0) to B at the collector, as A:B");
  app.add_option("--d-cam", a.dCam_um, "CAM volumetric mean diameter before sintering, um")
      ->check(cli::Positive)->capture_default_str();
  app.add_option("--d-se", a.dSe_um, "SE volumetric mean diameter before sintering, um")
      ->check(cli::Positive)->capture_default_str();
  app.add_option("--recipe", a.recipePath, "Particle recipe JSON (schemas/recipe.schema.json); "
                                           "default: the reference study's Table S1");
  app.add_option("--orientation", a.orientation, "Platelet orientation: random or flat (faces normal to z)")
      ->check(CLI::IsMember({"random", "flat"}))->capture_default_str();
  app.add_option("--phase-choice", a.phaseChoice,
                 "Phase of each particle: balanced (error diffusion of volume against the target) or random "
                 "(a fixed random number per particle against the target's number share)")
      ->check(CLI::IsMember({"balanced", "random"}))->capture_default_str();
  app.add_option("--box", a.box, "Piling box NXxNYxNZ in voxels")->capture_default_str();
  app.add_option("--crop", a.crop, "Central part kept, NXxNYxNZ (x and y as the box)")->capture_default_str();
  app.add_option("--voxel-um", a.voxel_um, "Voxel size in um")->check(cli::Positive)->capture_default_str();
  app.add_option("--spread-iterations", a.spreadIterations,
                 "Relaxation steps spreading the grains for uniform spacing (0: none)")
      ->check(CLI::Range(0, 20))->capture_default_str();
  app.add_option("--press-strain", a.pressStrain,
                 "Press the spread pile along z by this strain before sintering (0: none; the box must hold crop/(1-strain))")
      ->check(CLI::Range(0.0, 0.49))->capture_default_str();
}

structure::StructureOptions structureOptions(const PileArguments& a, std::uint64_t seed,
                                             const std::string* recipeJson) {
  structure::StructureOptions o;
  o.pile.box = parseBox(a.box, "--box");
  const core::Shape crop = parseBox(a.crop, "--crop");
  if (crop.nx != o.pile.box.nx || crop.ny != o.pile.box.ny)
    throw InputError("--crop: x and y must equal the box's (" + a.box + "), got " + a.crop);
  if (crop.nz > o.pile.box.nz)
    throw InputError("--crop: " + a.crop + " is larger than the box " + a.box);
  o.pile.cropNz = crop.nz;
  o.pile.voxel_um = a.voxel_um;
  o.pile.flatPlatelets = a.orientation == "flat";
  o.pile.phaseChoice = a.phaseChoice == "random" ? structure::PhaseChoice::Random : structure::PhaseChoice::Balanced;
  o.pile.seed = seed;
  o.pile.svfCamBottom = o.pile.svfCamTop = a.svfCam;
  if (!a.svfCamProfile.empty()) {
    double lo = 0, hi = 0;
    int used = 0;
    if (std::sscanf(a.svfCamProfile.c_str(), "%lf:%lf%n", &lo, &hi, &used) != 2 ||
        used != int(a.svfCamProfile.size()) || !(lo > 0 && lo < 1 && hi > 0 && hi < 1))
      throw InputError("--svf-cam-profile: '" + a.svfCamProfile +
                       "' is not A:B with both fractions strictly between 0 and 1");
    o.pile.svfCamBottom = lo;
    o.pile.svfCamTop = hi;
  }
  o.dCam_um = a.dCam_um;
  o.dSe_um = a.dSe_um;
  o.spreadIterations = a.spreadIterations;
  o.pressStrain = a.pressStrain;
  o.pile.recipe = recipeJson ? structure::parseRecipe(*recipeJson, "recipe in the input's /metrics")
                             : structure::loadRecipe(a.recipePath.empty() ? defaultRecipePath()
                                                                          : a.recipePath);
  return o;
}

namespace {

// The genstruct options of ssbvox 0.1.0 as its provenance recorded them.
PileArguments legacyPileArguments(const std::string& text, const std::string& source) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw InputError(source + ": genstruct parameters in the provenance are not a JSON object");
  PileArguments a;
  auto get = [&](const char* key, auto& out) {
    if (!j.contains(key))
      throw InputError(source + ": genstruct provenance lacks the parameter '" + key + "'");
    try {
      out = j[key].get<std::decay_t<decltype(out)>>();
    } catch (const std::exception&) {
      throw InputError(source + ": genstruct provenance parameter '" + key + "' has the wrong type");
    }
  };
  get("svf-cam", a.svfCam);
  get("d-cam", a.dCam_um);
  get("d-se", a.dSe_um);
  get("orientation", a.orientation);
  get("box", a.box);
  get("crop", a.crop);
  get("voxel-um", a.voxel_um);
  get("spread-iterations", a.spreadIterations);
  a.pressStrain = 0.0;  // ssbvox 0.1.0 did not press
  if (j.contains("svf-cam-profile") && j["svf-cam-profile"].is_string())
    a.svfCamProfile = j["svf-cam-profile"].get<std::string>();
  return a;
}

}  // namespace

structure::StructureOptions pileOptionsOf(const core::VoxelVolume& v, const std::string& source) {
  const auto record = v.metrics.find(structure::kPileRecordMetric);
  if (record != v.metrics.end()) {
    if (!std::holds_alternative<std::string>(record->second))
      throw InputError(source + ": /metrics " + structure::kPileRecordMetric + " must be a string (a JSON record)");
    return structure::pileRecordFromJson(std::get<std::string>(record->second), source);
  }
  const core::ProvenanceRecord* step = nullptr;
  for (auto it = v.provenance.rbegin(); it != v.provenance.rend() && !step; ++it)
    if (it->tool == "genstruct") step = &*it;
  if (!step)
    throw InputError(source + ": no pile record (/metrics " + structure::kPileRecordMetric +
                     ") and no genstruct step in /provenance: give a pile made by genstruct");
  const auto recipe = v.metrics.find("recipe");
  if (recipe == v.metrics.end() || !std::holds_alternative<std::string>(recipe->second))
    throw InputError(source + ": /metrics has no recipe (needed to re-pile)");
  return structureOptions(legacyPileArguments(step->parametersJson, source), step->seed,
                          &std::get<std::string>(recipe->second));
}

}  // namespace ssb::cli
