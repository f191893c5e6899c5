#pragma once
// A tool's metrics document (JSON) as the /metrics attributes of a voxel
// file: nested objects flattened with dots under the tool's prefix
// ("discharge.cell.removed_voxels_cam"); numbers, booleans (as 0/1) and
// strings kept; arrays and nulls left to the JSON document, where tables
// and missing values live.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/VoxelVolume.hpp"

namespace ssb::io {

void addMetrics(std::map<std::string, core::MetricValue>& metrics, const std::string& prefix,
                const nlohmann::json& document);

}  // namespace ssb::io
