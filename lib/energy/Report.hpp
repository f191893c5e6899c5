#pragma once
// evalenergy's report: what the discharge step was run with (from the
// file's provenance) and the indicators as a table in the study's units.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/VoxelVolume.hpp"

namespace ssb::energy {

// The parameters of the last discharge step in the file's provenance;
// throws core::InputError naming `source` if the file was not discharged.
nlohmann::json dischargeParameters(const core::VoxelVolume& cell, const std::string& source);

// The indicators of evaluateDischarge as a table.
void printEvaluation(std::ostream& out, const nlohmann::json& metrics);

}  // namespace ssb::energy
