#pragma once
// What `voxconvert info` reports about a voxel file: dimensions, voxel size,
// phase fractions, datasets, metrics and the provenance chain, as JSON and
// as a table for people.
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>

#include "io/VoxelFile.hpp"

namespace ssb::io {

nlohmann::json describe(const InputFile& file);
void printDescription(std::ostream& out, const nlohmann::json& description);

}  // namespace ssb::io
