#pragma once
// What discharge writes: the cell it ran on as a voxel file (the coarse
// cathode behind its separator) with the curve in /series, the final
// lithiation in /fields/li_fraction and the figures in /metrics, and the
// same figures as a JSON report.
#include <nlohmann/json.hpp>

#include "core/VoxelVolume.hpp"
#include "echem/Cell.hpp"
#include "echem/Run.hpp"

namespace ssb::echem {

struct DischargeReport {
  core::VoxelVolume volume;  // the cell, with the results (valid on the first process)
  nlohmann::json metrics;
};

// `discharge --dry-run`: the size logged (info) and as metrics.
nlohmann::json dryRunMetrics(const DischargeSize& size);

// `lithiation` is the gathered field (DischargeModel::gatherLithiation; empty off the first process).
DischargeReport makeReport(const CellBuild& build, const DischargeModel& model, const DischargeParameters& parameters,
                           const DischargeResult& result, const std::vector<double>& lithiation, double wallTime_s);

}  // namespace ssb::echem
