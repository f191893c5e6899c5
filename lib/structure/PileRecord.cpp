#include "structure/PileRecord.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/Error.hpp"

namespace ssb::structure {

using core::InputError;
using nlohmann::json;

std::string pileRecordToJson(const StructureOptions& o) {
  const PileOptions& p = o.pile;
  json r;
  r["record"] = "ssbvox.pile";
  r["version"] = 1;
  r["box_zyx"] = {p.box.nz, p.box.ny, p.box.nx};
  r["crop_nz"] = p.cropNz;
  r["voxel_um"] = p.voxel_um;
  r["svf_cam"] = {p.svfCamBottom, p.svfCamTop};
  r["d_cam_um"] = o.dCam_um;
  r["d_se_um"] = o.dSe_um;
  r["orientation"] = p.flatPlatelets ? "flat" : "random";
  r["phase_choice"] = p.phaseChoice == PhaseChoice::Random ? "random" : "balanced";
  r["balance_growth_vox"] = p.balanceGrowth_vox;
  r["spread_iterations"] = o.spreadIterations;
  r["press_strain"] = o.pressStrain;
  r["seed"] = p.seed;
  r["recipe"] = json::parse(recipeToJson(p.recipe));
  return r.dump();
}

StructureOptions pileRecordFromJson(const std::string& text, const std::string& source) {
  const json r = json::parse(text, nullptr, false);
  const std::string at = source + ": " + kPileRecordMetric;
  if (r.is_discarded() || !r.is_object()) throw InputError(at + " is not a JSON object (schemas/pile.schema.json)");
  if (r.value("record", "") != "ssbvox.pile") throw InputError(at + ": record must be \"ssbvox.pile\"");
  if (!r.contains("version") || !r["version"].is_number_integer() || r["version"].get<int>() != 1)
    throw InputError(at + ": version must be 1 (this ssbvox reads pile records of version 1)");
  static const char* kFields[] = {"record", "version", "box_zyx", "crop_nz", "voxel_um", "svf_cam", "d_cam_um",
                                  "d_se_um", "orientation", "phase_choice", "balance_growth_vox", "spread_iterations", "press_strain", "seed", "recipe"};
  for (const auto& [key, value] : r.items())
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
      throw InputError(at + ": unexpected field '" + key + "'");
  auto require = [&](const char* key) -> const json& {
    if (!r.contains(key)) throw InputError(at + ": " + key + " is missing");
    return r[key];
  };
  auto positive = [&](const char* key) {
    const json& v = require(key);
    if (!v.is_number() || !(v.get<double>() > 0) || !std::isfinite(v.get<double>()))
      throw InputError(at + ": " + key + " must be a positive number");
    return v.get<double>();
  };
  auto count = [&](const json& v, const std::string& what, std::uint64_t least) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < least)
      throw InputError(at + ": " + what + " must be an integer >= " + std::to_string(least));
    return v.get<std::uint64_t>();
  };
  StructureOptions o;
  const json& box = require("box_zyx");
  if (!box.is_array() || box.size() != 3) throw InputError(at + ": box_zyx must be three cell counts [nz, ny, nx]");
  o.pile.box = {count(box[0], "box_zyx[0]", 1), count(box[1], "box_zyx[1]", 1), count(box[2], "box_zyx[2]", 1)};
  o.pile.cropNz = count(require("crop_nz"), "crop_nz", 1);
  if (o.pile.cropNz > o.pile.box.nz) throw InputError(at + ": crop_nz is larger than the box");
  o.pile.voxel_um = positive("voxel_um");
  const json& svf = require("svf_cam");
  auto fraction = [&](const json& v) {
    if (!v.is_number() || !(v.get<double>() > 0 && v.get<double>() < 1))
      throw InputError(at + ": svf_cam must hold fractions strictly between 0 and 1");
    return v.get<double>();
  };
  if (!svf.is_array() || svf.size() != 2)
    throw InputError(at + ": svf_cam must be [at the separator, at the collector]");
  o.pile.svfCamBottom = fraction(svf[0]);
  o.pile.svfCamTop = fraction(svf[1]);
  o.dCam_um = positive("d_cam_um");
  o.dSe_um = positive("d_se_um");
  const std::string orientation = require("orientation").is_string() ? r["orientation"].get<std::string>() : "";
  if (orientation != "random" && orientation != "flat")
    throw InputError(at + ": orientation must be \"random\" or \"flat\"");
  o.pile.flatPlatelets = orientation == "flat";
  // Optional: records written before the choice existed piled "balanced".
  const std::string choice = r.contains("phase_choice") && r["phase_choice"].is_string()
                                 ? r["phase_choice"].get<std::string>()
                                 : (r.contains("phase_choice") ? "" : "balanced");
  if (choice != "balanced" && choice != "random")
    throw InputError(at + ": phase_choice must be \"balanced\" or \"random\"");
  o.pile.phaseChoice = choice == "random" ? PhaseChoice::Random : PhaseChoice::Balanced;
  if (r.contains("balance_growth_vox")) {
    const json& g = r["balance_growth_vox"];
    if (!g.is_number() || !(g.get<double>() >= 0) || !std::isfinite(g.get<double>()))
      throw InputError(at + ": balance_growth_vox must be a number >= 0");
    o.pile.balanceGrowth_vox = g.get<double>();
  }
  o.spreadIterations = int(count(require("spread_iterations"), "spread_iterations", 0));
  o.pressStrain = 0.0;  // optional: records from before pressing existed did not press
  if (r.contains("press_strain")) {
    const json& e = r["press_strain"];
    if (!e.is_number() || !(e.get<double>() >= 0 && e.get<double>() < 0.5))
      throw InputError(at + ": press_strain must be a number in [0, 0.5)");
    o.pressStrain = e.get<double>();
  }
  o.pile.seed = count(require("seed"), "seed", 0);
  const json& recipe = require("recipe");
  if (!recipe.is_object()) throw InputError(at + ": recipe must be an object (schemas/recipe.schema.json)");
  o.pile.recipe = parseRecipe(recipe.dump(), at + ": recipe");
  return o;
}

}  // namespace ssb::structure
