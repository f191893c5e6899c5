#include "io/Summary.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "core/Phase.hpp"

namespace ssb::io {

using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;

using nlohmann::json;

json describe(const InputFile& file) {
  const VoxelVolume& v = file.volume;
  const auto& s = v.shape();
  const double h_um = v.voxelSize_m() * 1e6;
  json d;
  d["path"] = file.path;
  d["format"] = formatName(file.format);
  d["size_bytes"] = file.sizeBytes;
  d["sha256"] = file.sha256;
  d["shape_zyx"] = {s.nz, s.ny, s.nx};
  d["voxel_count"] = s.size();
  d["voxel_size_um"] = h_um;
  d["extent_um_zyx"] = {s.nz * h_um, s.ny * h_um, s.nx * h_um};
  const auto f = core::phaseFractions(v.phase);
  json fr = {{"pore", f.pore}, {"se", f.se}, {"cam", f.cam}};
  d["phase_fractions"] = fr;
  d["datasets"] = v.datasetNames();
  if (v.grain) {
    std::uint32_t maxId = 0;
    for (auto g : *v.grain) maxId = std::max(maxId, g);
    d["grain_max_id"] = maxId;
  }
  json m = json::object();
  for (const auto& [name, value] : v.metrics) std::visit([&, n = name](const auto& x) { m[n] = x; }, value);
  d["metrics"] = m;
  json chain = json::array();
  for (const auto& p : v.provenance) {
    json params = json::parse(p.parametersJson, nullptr, false);
    json inputs = json::parse(p.inputsSha256Json, nullptr, false);
    chain.push_back({{"tool", p.tool},
                     {"version", p.version},
                     {"git_commit", p.gitCommit},
                     {"command_line", p.commandLine},
                     {"parameters", params.is_discarded() ? json(p.parametersJson) : params},
                     {"inputs_sha256", inputs.is_discarded() ? json(p.inputsSha256Json) : inputs},
                     {"seed", p.seed},
                     {"wall_time_s", p.wallTime_s},
                     {"timestamp", p.timestampUtc}});
  }
  d["provenance"] = chain;
  return d;
}

void printDescription(std::ostream& out, const json& d) {
  auto row = [&](const std::string& key, const std::string& value) {
    out << std::left << std::setw(15) << key << " " << value << "\n";
  };
  std::ostringstream ss;
  ss << std::fixed << std::setprecision(3);
  const auto& shape = d["shape_zyx"];
  row("file", d["path"].get<std::string>() + " (" + d["format"].get<std::string>() + ", " +
                  std::to_string(d["size_bytes"].get<std::uint64_t>()) + " bytes)");
  row("dimensions", std::to_string(shape[0].get<std::size_t>()) + " x " +
                        std::to_string(shape[1].get<std::size_t>()) + " x " +
                        std::to_string(shape[2].get<std::size_t>()) + " (z, y, x) = " +
                        std::to_string(d["voxel_count"].get<std::size_t>()) + " voxels");
  ss << d["voxel_size_um"].get<double>() << " um; extent " << d["extent_um_zyx"][0].get<double>()
     << " x " << d["extent_um_zyx"][1].get<double>() << " x " << d["extent_um_zyx"][2].get<double>()
     << " um";
  row("voxel size", ss.str());
  ss.str("");
  ss << std::setprecision(2);
  for (const auto name : core::kPhaseNames)
    ss << name << " " << 100.0 * d["phase_fractions"][std::string(name)].get<double>() << " %   ";
  row("phases", ss.str());
  std::string sets;
  for (const auto& n : d["datasets"]) sets += n.get<std::string>() + " ";
  row("datasets", sets);
  for (const auto& [name, value] : d["metrics"].items()) {
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 100) text = text.substr(0, 97) + "...";  // the JSON output has it whole
    row("  " + name, text);
  }
  row("provenance", std::to_string(d["provenance"].size()) + " step(s)");
  int n = 0;
  for (const auto& p : d["provenance"]) {
    std::ostringstream line;
    line << std::fixed << std::setprecision(2) << p["tool"].get<std::string>() << " "
         << p["version"].get<std::string>() << " (" << p["git_commit"].get<std::string>() << ") "
         << p["timestamp"].get<std::string>() << ", seed " << p["seed"].get<std::uint64_t>()
         << ", " << p["wall_time_s"].get<double>() << " s: " << p["command_line"].get<std::string>();
    row("  " + std::to_string(n++), line.str());
  }
}

}  // namespace ssb::io
