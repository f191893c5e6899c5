#include "structure/Recipe.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "io/Files.hpp"

namespace ssb::structure {

using core::InputError;
using nlohmann::json;

namespace {
constexpr double kPi = 3.14159265358979323846;
}

Recipe parseRecipe(const std::string& jsonText, const std::string& source) {
  json doc = json::parse(jsonText, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw InputError(source + ": not a JSON object (expected a recipe, schemas/recipe.schema.json)");
  for (const auto& [key, value] : doc.items())
    if (key != "name" && key != "description" && key != "groups")
      throw InputError(source + ": unexpected field '" + key + "'");
  Recipe r;
  if (doc.contains("name")) {
    if (!doc["name"].is_string()) throw InputError(source + ": name must be a string");
    r.name = doc["name"].get<std::string>();
  }
  if (!doc.contains("groups") || !doc["groups"].is_array() || doc["groups"].size() < 2)
    throw InputError(source + ": groups must be an array of at least two particle groups");
  double sum[3] = {0, 0, 0};
  for (std::size_t i = 0; i < doc["groups"].size(); ++i) {
    const json& g = doc["groups"][i];
    const std::string at = source + ": groups[" + std::to_string(i) + "]";
    if (!g.is_object()) throw InputError(at + " must be an object");
    for (const auto& [key, value] : g.items())
      if (key != "phase" && key != "shape" && key != "volume_fraction" && key != "diameter_um" &&
          key != "thickness_um")
        throw InputError(at + ": unexpected field '" + key + "'");
    auto number = [&](const char* key, bool required) -> double {
      if (!g.contains(key)) {
        if (required) throw InputError(at + "." + key + " is missing");
        return 0.0;
      }
      if (!g[key].is_number()) throw InputError(at + "." + key + " must be a number");
      const double v = g[key].get<double>();
      if (!(v > 0.0) || !std::isfinite(v)) throw InputError(at + "." + key + " must be > 0");
      return v;
    };
    ParticleGroup p;
    if (!g.contains("phase") || !g["phase"].is_string() ||
        (g["phase"] != "cam" && g["phase"] != "se"))
      throw InputError(at + ".phase must be \"cam\" or \"se\"");
    p.phase = g["phase"] == "cam" ? core::kCAM : core::kSE;
    if (!g.contains("shape") || !g["shape"].is_string() ||
        (g["shape"] != "sphere" && g["shape"] != "hexagonal_platelet"))
      throw InputError(at + ".shape must be \"sphere\" or \"hexagonal_platelet\"");
    p.shape = g["shape"] == "sphere" ? ParticleShape::Sphere : ParticleShape::HexagonalPlatelet;
    p.volumeFraction = number("volume_fraction", true);
    if (p.volumeFraction > 1.0) throw InputError(at + ".volume_fraction must be <= 1");
    p.diameter_um = number("diameter_um", true);
    p.thickness_um = number("thickness_um", p.shape == ParticleShape::HexagonalPlatelet);
    if (p.shape == ParticleShape::Sphere && g.contains("thickness_um"))
      throw InputError(at + ".thickness_um is for hexagonal_platelet only");
    sum[p.phase] += p.volumeFraction;
    r.groups.push_back(p);
  }
  for (std::uint8_t phase : {core::kCAM, core::kSE}) {
    if (sum[phase] == 0.0)
      throw InputError(source + ": no group of phase " + std::string(core::phaseName(phase)));
    if (std::abs(sum[phase] - 1.0) > 1e-6)
      throw InputError(source + ": volume_fraction of the " + std::string(core::phaseName(phase)) +
                       " groups sums to " + std::to_string(sum[phase]) + ", expected 1");
  }
  return r;
}

Recipe loadRecipe(const std::string& path) { return parseRecipe(io::readAllBytes(path), path); }

std::string recipeToJson(const Recipe& recipe) {
  json doc;
  doc["name"] = recipe.name;
  doc["groups"] = json::array();
  for (const auto& g : recipe.groups) {
    json j{{"phase", g.phase == core::kCAM ? "cam" : "se"},
           {"shape", g.shape == ParticleShape::Sphere ? "sphere" : "hexagonal_platelet"},
           {"volume_fraction", g.volumeFraction},
           {"diameter_um", g.diameter_um}};
    if (g.shape == ParticleShape::HexagonalPlatelet) j["thickness_um"] = g.thickness_um;
    doc["groups"].push_back(j);
  }
  return doc.dump();
}

double particleVolume_um3(const ParticleGroup& g) {
  if (g.shape == ParticleShape::Sphere) return kPi / 6.0 * std::pow(g.diameter_um, 3);
  const double R = g.diameter_um / 2.0;
  return 1.5 * std::sqrt(3.0) * R * R * g.thickness_um;
}

double volumeEquivalentDiameter_um(const ParticleGroup& g) {
  return std::cbrt(6.0 * particleVolume_um3(g) / kPi);
}

double volumetricMeanDiameter_um(const Recipe& recipe, std::uint8_t phase) {
  double mean = 0.0;
  for (const auto& g : recipe.groups)
    if (g.phase == phase) mean += g.volumeFraction * volumeEquivalentDiameter_um(g);
  return mean;
}

Recipe scaledRecipe(const Recipe& recipe, double dCam_um, double dSe_um) {
  Recipe out = recipe;
  const double sCam = dCam_um / volumetricMeanDiameter_um(recipe, core::kCAM);
  const double sSe = dSe_um / volumetricMeanDiameter_um(recipe, core::kSE);
  for (auto& g : out.groups) {
    const double s = g.phase == core::kCAM ? sCam : sSe;
    g.diameter_um *= s;
    g.thickness_um *= s;
  }
  return out;
}

}  // namespace ssb::structure
