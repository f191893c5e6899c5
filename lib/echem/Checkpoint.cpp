#include "echem/Checkpoint.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/Error.hpp"
#include "io/RecordFile.hpp"

namespace ssb::echem {

namespace {
constexpr const char* kKind = "ssbvox-discharge-checkpoint";
constexpr int kVersion = 1;
const char* const kComponents[3] = {"phi_e", "psi", "vacancy"};
}  // namespace

std::string defaultCheckpointPath(const std::string& output) {
  if (output == "-") return "discharge.checkpoint.h5";
  const std::filesystem::path o(output);
  return (o.parent_path() / (o.stem().string() + ".checkpoint.h5")).string();
}

std::string dischargeFingerprint(const DischargeParameters& p, const std::string& inputSha256, int coarsen,
                                 double separator_um, const SeparatorGrading& grading) {
  const nlohmann::json f = {{"input_sha256", inputSha256},
                            {"coarsen", coarsen},
                            {"separator_um", separator_um},
                            {"separator_grading", grading.ratio},
                            {"separator_fine_um", grading.fine_um},
                            {"cam", p.cam.name},
                            {"se", p.se.name},
                            {"anode", p.anode.name},
                            {"current_A_per_m2", p.current_A_per_m2},
                            {"temperature_K", p.temperature_K},
                            {"gb_exchange_current_A_per_m2", p.gbExchangeCurrent_A_per_m2},
                            {"gb_resistance_factor", p.gbResistanceFactor},
                            {"separator_gb", p.separatorGrainBoundary},
                            {"constant_transport", p.cam.conductivityVsX_S_per_cm.empty()},
                            {"sub_voxel_surface", p.surfaceExtrapolation}};
  return f.dump();
}

void writeCheckpoint(const std::string& path, const DischargeModel& model, const DischargeCheckpoint& c) {
  io::Record record;
  for (std::size_t k = 0; k < model.components(); ++k) {
    std::vector<double> all = model.gatherComponent(c.state, k);  // collective
    if (!all.empty()) record.arrays[kComponents[k]] = std::move(all);
  }
  if (record.arrays.empty()) return;  // not the first process
  const numerics::Extent& g = model.boxes().front().global;
  record.kind = kKind;
  record.version = kVersion;
  record.texts["fingerprint"] = c.fingerprint;
  record.numbers = {{"time_s", c.time_s},
                    {"next_step_s", c.nextStep_s},
                    {"collector_V", c.collector_V},
                    {"initial_voltage_V", c.initialVoltage_V},
                    {"lithium_at_start_mol", c.lithiumAtStart_mol},
                    {"steps", c.steps},
                    {"rejected_steps", c.rejectedSteps},
                    {"newton_iterations", c.newtonIterations},
                    {"linear_iterations", c.linearIterations},
                    {"nz", double(g.nz)},
                    {"ny", double(g.ny)},
                    {"nx", double(g.nx)}};
  record.arrays["curve_time_s"] = c.curveTime_s;
  record.arrays["curve_voltage_V"] = c.curveVoltage_V;
  io::writeRecordFile(record, path);
}

DischargeCheckpoint readCheckpoint(const std::string& path, const DischargeModel& model, const std::string& fingerprint) {
  const io::Record record = io::readRecordFile(path, kKind, kVersion);
  auto number = [&](const char* name) {
    const auto it = record.numbers.find(name);
    if (it == record.numbers.end()) throw core::InputError(path + ": checkpoint without '" + name + "'");
    return it->second;
  };
  auto array = [&](const char* name) -> const std::vector<double>& {
    const auto it = record.arrays.find(name);
    if (it == record.arrays.end()) throw core::InputError(path + ": checkpoint without the array '" + name + "'");
    return it->second;
  };
  const numerics::Box& box = model.boxes().front();
  const numerics::Extent& g = box.global;
  if (number("nz") != double(g.nz) || number("ny") != double(g.ny) || number("nx") != double(g.nx))
    throw core::InputError(path + ": a checkpoint of a " + std::to_string(long(number("nx"))) + "x" +
                           std::to_string(long(number("ny"))) + "x" + std::to_string(long(number("nz"))) +
                           " cell, not of this one (" + std::to_string(g.nx) + "x" + std::to_string(g.ny) + "x" +
                           std::to_string(g.nz) + ")");
  // The run's definition, key by key: the first that differs is named.
  const auto saved = record.texts.count("fingerprint") ? record.texts.at("fingerprint") : std::string("{}");
  const nlohmann::json was = nlohmann::json::parse(saved, nullptr, false), now = nlohmann::json::parse(fingerprint);
  if (was.is_discarded() || !was.is_object()) throw core::InputError(path + ": checkpoint with a damaged fingerprint");
  for (const auto& [key, value] : now.items())
    if (!was.contains(key) || was[key] != value)
      throw core::InputError(path + ": checkpoint of a run with " + key + " = " +
                             (was.contains(key) ? was[key].dump() : std::string("(unset)")) + ", this run has " +
                             value.dump());
  DischargeCheckpoint c;
  c.fingerprint = saved;
  c.time_s = number("time_s");
  c.nextStep_s = number("next_step_s");
  c.collector_V = number("collector_V");
  c.initialVoltage_V = number("initial_voltage_V");
  c.lithiumAtStart_mol = number("lithium_at_start_mol");
  c.steps = int(number("steps"));
  c.rejectedSteps = int(number("rejected_steps"));
  c.newtonIterations = int(number("newton_iterations"));
  c.linearIterations = int(number("linear_iterations"));
  c.curveTime_s = array("curve_time_s");
  c.curveVoltage_V = array("curve_voltage_V");
  if (c.curveTime_s.size() != c.curveVoltage_V.size() || c.curveTime_s.empty() || !(c.nextStep_s > 0) ||
      !(c.time_s >= c.curveTime_s.back()))
    throw core::InputError(path + ": checkpoint with an inconsistent curve or step");
  // This process's box out of the whole cell's fields.
  c.state = numerics::makeBlockVector(box, model.components());
  for (std::size_t k = 0; k < model.components(); ++k) {
    const std::vector<double>& all = array(kComponents[k]);
    if (all.size() != g.size()) throw core::InputError(path + ": the array '" + kComponents[k] + "' has the wrong size");
    for (std::size_t z = 0; z < box.mz(); ++z)
      for (std::size_t y = 0; y < box.my(); ++y)
        for (std::size_t x = 0; x < box.mx(); ++x)
          c.state[k][box.at(long(z), long(y), long(x))] =
              all[((box.start[0] + z) * g.ny + box.start[1] + y) * g.nx + box.start[2] + x];
  }
  return c;
}

}  // namespace ssb::echem
