#pragma once
// Material parameters, read from material files (data/materials/*.json for
// the reference study's LCO, NMC811, LLZO and Li; users give their own)
// checked against schemas/material.schema.json. Values are kept in the
// units their names give, the reference study's; a tool converts to SI
// where it computes.
#include <string>

#include "materials/Table.hpp"

namespace ssb::materials {

enum class Kind { ActiveMaterial, SolidElectrolyte, MetalAnode };
const char* kindName(Kind k);  // as in the files: "active_material", ...

struct Material {
  std::string name, description;
  std::string path;  // the file it was read from
  Kind kind = Kind::ActiveMaterial;
  // 0 where the file does not give the value (the schema says which each kind needs).
  double density_g_per_cm3 = 0;
  double conductivity_S_per_cm = 0;  // electronic (CAM) or ionic (SE), bulk
  // Active materials.
  double diffusivity_cm2_per_s = 0;
  double initialConcentration_mol_per_cm3 = 0, maxConcentration_mol_per_cm3 = 0;
  double i00_A_cm2p5_per_mol1p5 = 0;  // i0 = i00 c_e^0.5 c^0.5 (c_max - c)^0.5
  double transferCoefficient = 0;
  // Solid electrolytes.
  double concentration_mol_per_cm3 = 0;  // c_e
  double gbExchangeCurrent_A_per_cm2 = 0, gbCapacitance_F_per_cm2 = 0;
  // Active materials: functions of the lithiation x = c / c_max. The
  // open-circuit voltage is required; without its table a transport
  // property is the constant above (the value at the initial state).
  Table openCircuitVoltage_V;
  Table conductivityVsX_S_per_cm;
  Table diffusivityVsX_cm2_per_s;
  // Metal anodes.
  double exchangeCurrent_A_per_cm2 = 0;
  double specificCapacity_mAh_per_g = 0;

  double initialLithiation() const {  // x0 = c0 / c_max
    return maxConcentration_mol_per_cm3 > 0 ? initialConcentration_mol_per_cm3 / maxConcentration_mol_per_cm3 : 0;
  }
  double conductivityAt_S_per_cm(double x) const {
    return conductivityVsX_S_per_cm.empty() ? conductivity_S_per_cm : conductivityVsX_S_per_cm(x);
  }
  double conductivityDerivative_S_per_cm(double x) const {  // d sigma / dx
    return conductivityVsX_S_per_cm.empty() ? 0.0 : conductivityVsX_S_per_cm.derivative(x);
  }
  double diffusivityAt_cm2_per_s(double x) const {
    return diffusivityVsX_cm2_per_s.empty() ? diffusivity_cm2_per_s : diffusivityVsX_cm2_per_s(x);
  }
  double diffusivityDerivative_cm2_per_s(double x) const {  // d D / dx
    return diffusivityVsX_cm2_per_s.empty() ? 0.0 : diffusivityVsX_cm2_per_s.derivative(x);
  }
  // The transport properties without their tables (constant at the initial values).
  void useConstantTransport() {
    conductivityVsX_S_per_cm = {};
    diffusivityVsX_cm2_per_s = {};
  }
};

// Checks a material file's text; throws core::InputError naming `source`
// and the field at fault.
Material parseMaterial(const std::string& jsonText, const std::string& source);
// A material by name ("lco", "nmc811", "llzo", "li": data/materials/<name>.json)
// or by the path of a file; throws core::InputError if it is neither, or if
// its kind is not `expected` (naming `option`, e.g. "--cam").
Material loadMaterial(const std::string& nameOrPath, Kind expected, const std::string& option);
// Where the bundled material files are.
std::string materialsDirectory();

}  // namespace ssb::materials
