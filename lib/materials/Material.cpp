#include "materials/Material.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/Error.hpp"
#include "io/Files.hpp"

#ifndef SSB_DATA_DIR
#define SSB_DATA_DIR "data"
#endif

namespace ssb::materials {

using core::InputError;
using nlohmann::json;

const char* kindName(Kind k) {
  switch (k) {
    case Kind::ActiveMaterial: return "active_material";
    case Kind::SolidElectrolyte: return "solid_electrolyte";
    case Kind::MetalAnode: return "metal_anode";
  }
  return "unknown";
}

std::string materialsDirectory() { return std::string(SSB_DATA_DIR) + "/materials"; }

Material parseMaterial(const std::string& text, const std::string& source) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw InputError(source + ": not a JSON object (expected a material, schemas/material.schema.json)");
  Material m;
  m.path = source;
  // The numeric fields: where each goes, and which kinds must have it.
  struct Field {
    double Material::*value;
    std::vector<Kind> requiredBy;
    bool fraction = false;  // in (0, 1) instead of > 0
  };
  using K = Kind;
  const std::map<std::string, Field> fields{
      {"density_g_per_cm3", {&Material::density_g_per_cm3, {K::ActiveMaterial, K::SolidElectrolyte}}},
      {"conductivity_S_per_cm", {&Material::conductivity_S_per_cm, {K::ActiveMaterial, K::SolidElectrolyte}}},
      {"diffusivity_cm2_per_s", {&Material::diffusivity_cm2_per_s, {K::ActiveMaterial}}},
      {"initial_concentration_mol_per_cm3", {&Material::initialConcentration_mol_per_cm3, {K::ActiveMaterial}}},
      {"max_concentration_mol_per_cm3", {&Material::maxConcentration_mol_per_cm3, {K::ActiveMaterial}}},
      {"i00_A_cm2p5_per_mol1p5", {&Material::i00_A_cm2p5_per_mol1p5, {K::ActiveMaterial}}},
      {"transfer_coefficient", {&Material::transferCoefficient, {K::ActiveMaterial, K::MetalAnode}, true}},
      {"concentration_mol_per_cm3", {&Material::concentration_mol_per_cm3, {K::SolidElectrolyte}}},
      {"gb_exchange_current_A_per_cm2", {&Material::gbExchangeCurrent_A_per_cm2, {}}},
      {"gb_capacitance_F_per_cm2", {&Material::gbCapacitance_F_per_cm2, {}}},
      {"exchange_current_A_per_cm2", {&Material::exchangeCurrent_A_per_cm2, {K::MetalAnode}}},
      {"specific_capacity_mAh_per_g", {&Material::specificCapacity_mAh_per_g, {}}},
  };
  // The tables: where each goes, the name of its value array, and its interpolations.
  struct TableField {
    Table Material::*table;
    const char* unit;
  };
  const std::map<std::string, TableField> tables{
      {"open_circuit_voltage", {&Material::openCircuitVoltage_V, "V"}},
      {"conductivity_vs_x", {&Material::conductivityVsX_S_per_cm, "S_per_cm"}},
      {"diffusivity_vs_x", {&Material::diffusivityVsX_cm2_per_s, "cm2_per_s"}},
  };
  for (const auto& [key, value] : doc.items())
    if (key != "name" && key != "description" && key != "kind" && key != "sources" && !fields.count(key) &&
        !tables.count(key))
      throw InputError(source + ": unexpected field '" + key + "'");
  if (!doc.contains("name") || !doc["name"].is_string() || doc["name"].get<std::string>().empty())
    throw InputError(source + ": name must be a non-empty string");
  m.name = doc["name"].get<std::string>();
  if (doc.contains("description")) {
    if (!doc["description"].is_string()) throw InputError(source + ": description must be a string");
    m.description = doc["description"].get<std::string>();
  }
  if (doc.contains("sources")) {
    if (!doc["sources"].is_object()) throw InputError(source + ": sources must be an object of strings");
    for (const auto& [key, value] : doc["sources"].items())
      if (!value.is_string()) throw InputError(source + ": sources." + key + " must be a string");
  }
  const std::string kind = doc.contains("kind") && doc["kind"].is_string() ? doc["kind"].get<std::string>() : "";
  if (kind == "active_material") m.kind = Kind::ActiveMaterial;
  else if (kind == "solid_electrolyte") m.kind = Kind::SolidElectrolyte;
  else if (kind == "metal_anode") m.kind = Kind::MetalAnode;
  else throw InputError(source + ": kind must be \"active_material\", \"solid_electrolyte\" or \"metal_anode\"");
  for (const auto& [key, f] : fields) {
    if (!doc.contains(key)) {
      for (Kind k : f.requiredBy)
        if (k == m.kind) throw InputError(source + ": " + key + " is missing (kind " + kind + " requires it)");
      continue;
    }
    if (!doc[key].is_number()) throw InputError(source + ": " + key + " must be a number");
    const double v = doc[key].get<double>();
    if (!std::isfinite(v) || !(v > 0) || (f.fraction && !(v < 1)))
      throw InputError(source + ": " + key + (f.fraction ? " must lie strictly between 0 and 1" : " must be > 0") +
                       ", got " + std::to_string(v));
    m.*(f.value) = v;
  }
  for (const auto& [key, t] : tables) {
    if (!doc.contains(key)) {
      if (m.kind == Kind::ActiveMaterial && key == "open_circuit_voltage")
        throw InputError(source + ": open_circuit_voltage is missing (kind active_material requires it)");
      continue;
    }
    if (m.kind != Kind::ActiveMaterial) throw InputError(source + ": " + key + " is for kind active_material only");
    const json& j = doc[key];
    const std::string at = source + ": " + key;
    if (!j.is_object()) throw InputError(at + " must be an object with x, " + t.unit + " and interpolation");
    for (const auto& [field, value] : j.items())
      if (field != "x" && field != t.unit && field != "interpolation" && field != "source" && field != "mapping" &&
          field != "x0")
        throw InputError(at + ": unexpected field '" + field + "'");
    auto numbers = [&](const char* name) {
      if (!j.contains(name) || !j[name].is_array()) throw InputError(at + "." + name + " must be an array of numbers");
      std::vector<double> v;
      for (const auto& e : j[name]) {
        if (!e.is_number()) throw InputError(at + "." + name + " must be an array of numbers");
        v.push_back(e.get<double>());
      }
      return v;
    };
    const std::string kind = j.value("interpolation", "");
    Table::Interpolation interpolation;
    if (kind == "pchip") interpolation = Table::Interpolation::Pchip;
    else if (kind == "log_linear") interpolation = Table::Interpolation::LogLinear;
    else if (kind == "linear") interpolation = Table::Interpolation::Linear;
    else throw InputError(at + ".interpolation must be \"pchip\", \"log_linear\" or \"linear\"");
    try {
      m.*(t.table) = Table(numbers("x"), numbers(t.unit), interpolation);
    } catch (const std::invalid_argument& e) {
      throw InputError(at + ": " + e.what());
    }
  }
  if (m.kind == Kind::ActiveMaterial && !(m.initialConcentration_mol_per_cm3 < m.maxConcentration_mol_per_cm3))
    throw InputError(source + ": initial_concentration_mol_per_cm3 must be below max_concentration_mol_per_cm3");
  return m;
}

Material loadMaterial(const std::string& nameOrPath, Kind expected, const std::string& option) {
  std::string path = nameOrPath;
  const bool isName = nameOrPath.find('/') == std::string::npos && nameOrPath.find('.') == std::string::npos;
  if (isName) {
    path = materialsDirectory() + "/" + nameOrPath + ".json";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw InputError(option + " " + nameOrPath + ": no such material in " + materialsDirectory() +
                       " (give a name there or a material file)");
  }
  Material m = parseMaterial(io::readAllBytes(path), path);
  if (m.kind != expected)
    throw InputError(option + " " + nameOrPath + ": " + path + " is of kind " + kindName(m.kind) + ", expected " +
                     kindName(expected));
  return m;
}

}  // namespace ssb::materials
