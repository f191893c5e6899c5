#pragma once
// The domain model: one voxel box of a composite cathode (or of a cell) with
// everything ssbvox knows about it. A voxel file (lib/io, docs/formats.md)
// stores exactly this; the tools and libraries work on it in memory.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/Grid.hpp"

namespace ssb::core {

// A scalar result stored as an attribute of /metrics.
using MetricValue = std::variant<double, std::int64_t, std::string>;

// One step of a file's lineage: /provenance/<n>_<tool>.
struct ProvenanceRecord {
  std::string tool;
  std::string version;
  std::string gitCommit;
  std::string commandLine;
  std::string parametersJson = "{}";    // the step's options, a JSON object
  std::string inputsSha256Json = "{}";  // {"input path": "sha256 hex"}
  std::uint64_t seed = 0;
  double wallTime_s = 0.0;
  std::string timestampUtc;  // ISO 8601, e.g. 2026-11-30T04:14:02Z

  bool operator==(const ProvenanceRecord& o) const;
};

struct VoxelVolume {
  Grid<std::uint8_t> phase;                       // /phase: 0 pore, 1 SE, 2 CAM
  std::optional<Grid<std::uint32_t>> grain;       // /grain: 0 = none
  std::optional<Grid<std::uint8_t>> materialId;   // /material_id: 1..N on SE, 0 elsewhere
  std::map<std::string, Grid<float>> fields;      // /fields/<name>
  std::map<std::string, std::vector<double>> series;    // /series/<name>
  std::map<std::string, MetricValue> metrics;           // /metrics attributes
  std::vector<ProvenanceRecord> provenance;             // /provenance, oldest first

  const Shape& shape() const { return phase.shape(); }
  double voxelSize_m() const { return phase.voxelSize_m(); }

  // Checks the invariants every file must satisfy (shapes agree, phase codes
  // valid, voxel size positive, names usable); throws core::InputError naming
  // `source` and the dataset at fault.
  void validate(const std::string& source) const;

  // Takes on the lineage of the structure a result was computed from: its
  // provenance, and its metrics where this volume has none of that name.
  void inheritLineage(const VoxelVolume& source);

  // Names of the datasets present, e.g. "/phase", "/fields/li_fraction".
  std::vector<std::string> datasetNames() const;
};

// Names of fields/series/metrics/tools: letters, digits, '_', '-', '.'.
bool isValidName(const std::string& name);

}  // namespace ssb::core
