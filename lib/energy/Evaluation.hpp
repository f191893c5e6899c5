#pragma once
// evalenergy's work: the performance indicators of one discharged cell
// (docs/model.md, "evalenergy"; the study's Eqs. 7 to 10) from discharge's
// output file: the cell on its voxels (separator slices first), the final
// Li fraction of the CAM, the curve, and the metrics that say what was
// removed on the way.
//
// The study counts the CAM after cluster removal (V_CAM in Eq. 7, the
// masses of Eq. 9 "determined based on the microstructure used as input").
// Both are reported: `cleaned` as the study does, `removedCounted` with the
// CAM and SE of every removed cluster added back (those geomstats --clean
// removed from the structure, and those discharge removed again at the
// coarse voxel size).
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/VoxelVolume.hpp"
#include "materials/Material.hpp"

namespace ssb::energy {

struct EvaluationOptions {
  double cutoff_V = 3.4;          // C_grav is the capacity at this voltage (Eq. 7)
  std::size_t histogramBins = 50;  // of x over [0, 1]
};

struct CellMaterials {
  materials::Material cam, se, anode;  // densities, c_max and c_0, the anode's capacity
};

struct DischargeEvaluation {
  nlohmann::json metrics;                // the indicators (docs/tools/evalenergy.md)
  std::vector<double> profileDepth_um;   // distance of each cathode slice's centre from the separator
  std::vector<double> utilisation;       // per cathode slice (NaN: no CAM in it)
  std::vector<double> histogramEdges;    // bins + 1 edges of x
  std::vector<std::uint64_t> histogram;  // CAM voxels per bin
};

// Throws core::InputError naming `source` and what is missing or wrong
// (not a discharge output, a curve that never reaches the cut-off, ...).
DischargeEvaluation evaluateDischarge(const core::VoxelVolume& cell, const CellMaterials& materials,
                                      const EvaluationOptions& options, const std::string& source);

}  // namespace ssb::energy
