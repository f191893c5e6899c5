#include "echem/Report.hpp"

#include <cmath>

#include "core/Log.hpp"
#include "io/MetricsJson.hpp"

namespace ssb::echem {

using nlohmann::json;

nlohmann::json dryRunMetrics(const DischargeSize& size) {
  core::log().info("dry run: {} cells, {} unknowns; per process at most {} cells, {} unknowns, about {:.2f} GiB",
                   size.cells, size.unknowns, size.largestProcessCells, size.largestProcessUnknowns,
                   size.memoryPerProcess_GiB);
  return {{"dry_run", true},
          {"cells", size.cells},
          {"unknowns", size.unknowns},
          {"largest_process_cells", size.largestProcessCells},
          {"largest_process_unknowns", size.largestProcessUnknowns},
          {"memory_per_process_GiB", size.memoryPerProcess_GiB},
          {"processes", size.processes}};
}

DischargeReport makeReport(const CellBuild& build, const DischargeModel& model, const DischargeParameters& p,
                           const DischargeResult& r, const std::vector<double>& lithiation, double wallTime_s) {
  DischargeReport out;
  const CellGeometry& cell = build.cell;
  const double h = cell.phase.voxelSize_m();
  // Capacity per CAM mass: the CAM left after coarsening and cleaning.
  const double camMass_g = p.cam.density_g_per_cm3 * double(model.camVoxels()) * std::pow(h * 100.0, 3);
  const double area_cm2 = model.geometricArea_m2() * 1e4;
  auto perGram = [&](double mAh_per_cm2) { return camMass_g > 0 ? mAh_per_cm2 * area_cm2 / camMass_g : 0.0; };
  json& m = out.metrics;
  m["complete"] = r.complete;
  m["status"] = r.status;
  m["capacity_mAh_per_cm2"] = r.capacityAtEnd_mAh_per_cm2;
  m["capacity_mAh_per_g"] = perGram(r.capacityAtEnd_mAh_per_cm2);
  m["initial_voltage_V"] = std::isfinite(r.initialVoltage_V) ? json(r.initialVoltage_V) : json(nullptr);
  m["final_voltage_V"] = r.voltage_V.empty() ? json(nullptr) : json(r.voltage_V.back());
  m["end_time_s"] = r.endTime_s;
  m["steps"] = r.steps;
  m["rejected_steps"] = r.rejectedSteps;
  m["newton_iterations"] = r.newtonIterations;
  m["linear_iterations"] = r.linearIterations;
  m["start"] = {{"solves", r.start.solves},
                {"newton_iterations", r.start.newtonIterations},
                {"linear_iterations", r.start.linearIterations},
                {"wall_time_s", r.startWall_s}};
  m["li_balance_error"] = r.lithiumBalanceError;
  m["max_li_fraction"] = r.maxLithiation;
  m["wall_time_s"] = wallTime_s;
  m["current_mA_per_cm2"] = model.appliedCurrent_A_per_m2() / 10.0;
  m["gb_exchange_current_A_per_cm2"] = p.gbExchangeCurrent_A_per_m2 * 1e-4;
  m["gb_resistance_factor"] = p.gbResistanceFactor;
  m["surface_model"] = p.surfaceExtrapolation ? "sub-voxel" : "voxel";
  m["cam"] = p.cam.name;
  m["cam_mass_mg_per_cm2"] = camMass_g * 1e3 / area_cm2;
  m["cell"] = {{"voxel_size_um", h * 1e6},
               {"shape_zyx", {cell.phase.nz(), cell.phase.ny(), cell.phase.nx()}},
               {"separator_slices", build.uniform.separatorSlices},
               {"separator_slices_simulated", cell.separatorSlices},
               {"cam_voxels", model.camVoxels()},
               {"interface_faces", model.interfaceFaces()},
               {"gb_faces", model.gbFaces()},
               {"svf_cam", build.coarse.svfCam()},
               {"density", build.coarse.density()},
               {"removed_voxels_se", build.removedSe},
               {"removed_voxels_cam", build.removedCam}};
  m["structure"] = {{"svf_cam", build.fine.svfCam()}, {"density", build.fine.density()},
                    {"voxel_size_um", h * 1e6 / double(build.coarsenFactor)}};
  // The voxel file: the cell (its separator in voxels, whatever grid it
  // was simulated on), the curve, the final lithiation, the figures.
  core::VoxelVolume& v = out.volume;
  v.phase = build.uniform.phase;
  v.materialId = build.uniform.materialId;
  if (!lithiation.empty()) {
    core::Grid<float> x(v.phase.shape(), h, 0.0f);
    // The cathode's slices are the same on both grids; the separator holds no Li.
    const std::size_t layer = v.phase.ny() * v.phase.nx();
    const std::size_t from = cell.separatorSlices * layer, to = build.uniform.separatorSlices * layer;
    for (std::size_t i = from; i < lithiation.size(); ++i) x.values()[to + i - from] = float(lithiation[i]);
    v.fields.emplace("li_fraction", std::move(x));
  }
  v.series["time_s"] = r.time_s;
  v.series["voltage_V"] = r.voltage_V;
  std::vector<double> current, capacityPerGram;
  for (double c : r.current_A_per_m2) current.push_back(c / 10.0);
  for (double c : r.capacity_mAh_per_cm2) capacityPerGram.push_back(perGram(c));
  v.series["current_mA_per_cm2"] = current;
  v.series["capacity_mAh_per_cm2"] = r.capacity_mAh_per_cm2;
  v.series["capacity_mAh_per_g"] = capacityPerGram;
  io::addMetrics(v.metrics, "discharge", m);
  return out;
}

}  // namespace ssb::echem
