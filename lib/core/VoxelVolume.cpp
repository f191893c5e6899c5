#include "core/VoxelVolume.hpp"

#include <array>
#include <cmath>

#include "core/Error.hpp"
#include "core/Phase.hpp"

namespace ssb::core {


bool ProvenanceRecord::operator==(const ProvenanceRecord& o) const {
  return tool == o.tool && version == o.version && gitCommit == o.gitCommit &&
         commandLine == o.commandLine && parametersJson == o.parametersJson &&
         inputsSha256Json == o.inputsSha256Json && seed == o.seed &&
         wallTime_s == o.wallTime_s && timestampUtc == o.timestampUtc;
}

bool isValidName(const std::string& name) {
  if (name.empty() || name.size() > 200) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void VoxelVolume::validate(const std::string& source) const {
  const auto& s = phase.shape();
  if (s.size() == 0) throw InputError(source + ": /phase is empty (expected nz, ny, nx >= 1)");
  const double h = phase.voxelSize_m();
  if (!(h > 0.0) || !std::isfinite(h))
    throw InputError(source + ": /phase voxel_size_m must be a positive number, got " +
                     std::to_string(h));
  std::array<std::size_t, 256> count{};
  for (auto v : phase) ++count[v];
  for (int v = kPhaseCount; v < 256; ++v)
    if (count[v])
      throw InputError(source + ": /phase holds value " + std::to_string(v) + " in " +
                       std::to_string(count[v]) + " voxels (expected 0 pore, 1 SE, 2 CAM)");
  if (grain && grain->shape() != s)
    throw InputError(source + ": /grain has shape " + grain->shape().str() + ", /phase " + s.str());
  if (materialId && materialId->shape() != s)
    throw InputError(source + ": /material_id has shape " + materialId->shape().str() +
                     ", /phase " + s.str());
  for (const auto& [name, f] : fields) {
    if (!isValidName(name)) throw InputError(source + ": invalid field name '" + name + "'");
    if (f.shape() != s)
      throw InputError(source + ": /fields/" + name + " has shape " + f.shape().str() +
                       ", /phase " + s.str());
  }
  for (const auto& [name, v] : series)
    if (!isValidName(name)) throw InputError(source + ": invalid series name '" + name + "'");
  for (const auto& [name, v] : metrics)
    if (!isValidName(name)) throw InputError(source + ": invalid metric name '" + name + "'");
  for (const auto& p : provenance)
    if (!isValidName(p.tool))
      throw InputError(source + ": invalid tool name in provenance '" + p.tool + "'");
}

std::vector<std::string> VoxelVolume::datasetNames() const {
  std::vector<std::string> names{"/phase"};
  if (grain) names.push_back("/grain");
  if (materialId) names.push_back("/material_id");
  for (const auto& kv : fields) names.push_back("/fields/" + kv.first);
  for (const auto& kv : series) names.push_back("/series/" + kv.first);
  return names;
}

void VoxelVolume::inheritLineage(const VoxelVolume& source) {
  std::vector<ProvenanceRecord> lineage = source.provenance;
  lineage.insert(lineage.end(), provenance.begin(), provenance.end());
  provenance = std::move(lineage);
  metrics.insert(source.metrics.begin(), source.metrics.end());  // keeps this volume's own values
}

}  // namespace ssb::core
