#pragma once
// What genstruct piled, as a structured record kept with the pile (the
// metric "genstruct.pile" of /metrics, a JSON document that matches
// schemas/pile.schema.json): everything needed to pile again with other
// inputs, as sinter's target fit does. Tools read the record, never the
// command line that made it, so renaming an option breaks no file.
//
//   {"record": "ssbvox.pile", "version": 1, "box_zyx": [650, 250, 250],
//    "crop_nz": 500, "voxel_um": 0.1, "svf_cam": [0.5, 0.5], "d_cam_um": 2.0,
//    "d_se_um": 1.41, "orientation": "random", "spread_iterations": 2,
//    "seed": 1, "recipe": {...}}
#include <string>

#include "structure/Generate.hpp"

namespace ssb::structure {

inline constexpr const char* kPileRecordMetric = "genstruct.pile";

std::string pileRecordToJson(const StructureOptions& options);
// Checks the record; throws core::InputError naming `source` and the field.
StructureOptions pileRecordFromJson(const std::string& json, const std::string& source);

}  // namespace ssb::structure
