#include "energy/Evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "energy/Energy.hpp"

namespace ssb::energy {

namespace {

using nlohmann::json;

std::optional<double> metricNumber(const core::VoxelVolume& v, const std::string& key) {
  const auto it = v.metrics.find(key);
  if (it == v.metrics.end()) return std::nullopt;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&it->second)) return double(*i);
  return std::nullopt;
}

double requiredMetric(const core::VoxelVolume& v, const std::string& key, const std::string& source) {
  const auto value = metricNumber(v, key);
  if (!value)
    throw core::InputError(source + ": /metrics has no number " + key + " (not an output of this version of discharge)");
  return *value;
}

const std::vector<double>& requiredSeries(const core::VoxelVolume& v, const std::string& name, const std::string& source) {
  const auto it = v.series.find(name);
  if (it == v.series.end()) throw core::InputError(source + ": no /series/" + name + " (not a discharge output)");
  return it->second;
}

// The curve up to the first crossing of the cut-off, the crossing
// interpolated linearly in the voltage (discharge ends on the cut-off, so
// this is its last point unless a higher cut-off is asked for).
struct CurveToCutoff {
  std::vector<double> time_s, voltage_V, current_mA_per_cm2, capacity_mAh_per_cm2;
};

CurveToCutoff curveToCutoff(const core::VoxelVolume& v, double cutoff_V, const std::string& source) {
  const auto& t = requiredSeries(v, "time_s", source);
  const auto& u = requiredSeries(v, "voltage_V", source);
  const auto& i = requiredSeries(v, "current_mA_per_cm2", source);
  const auto& c = requiredSeries(v, "capacity_mAh_per_cm2", source);
  if (u.size() != t.size() || i.size() != t.size() || c.size() != t.size())
    throw core::InputError(source + ": /series/time_s, voltage_V, current_mA_per_cm2 and capacity_mAh_per_cm2 must "
                                    "have the same length");
  constexpr double kTolerance_V = 1e-9;
  CurveToCutoff out;
  if (t.empty()) {  // a cell discharge finds no ionic path to its CAM: capacity 0, no curve
    const auto complete = v.metrics.find("discharge.complete");
    if (complete == v.metrics.end() || complete->second != core::MetricValue(std::int64_t(1)))
      throw core::InputError(source + ": an empty curve from a discharge that did not finish");
    out.time_s = {0.0};
    out.voltage_V = {0.0};
    out.current_mA_per_cm2 = {0.0};
    out.capacity_mAh_per_cm2 = {0.0};
    return out;
  }
  if (u[0] <= cutoff_V + kTolerance_V) {  // at or below the cut-off at once: capacity 0 (docs/model.md)
    out.time_s = {t[0]};
    out.voltage_V = {u[0]};
    out.current_mA_per_cm2 = {i[0]};
    out.capacity_mAh_per_cm2 = {c[0]};
    return out;
  }
  std::size_t k = 1;
  while (k < u.size() && u[k] > cutoff_V + kTolerance_V) ++k;
  if (k == u.size())
    throw core::InputError(source + ": the curve ends at " + std::to_string(u.back()) + " V without reaching the cut-off " +
                           std::to_string(cutoff_V) + " V (an incomplete discharge)");
  out.time_s.assign(t.begin(), t.begin() + long(k));
  out.voltage_V.assign(u.begin(), u.begin() + long(k));
  out.current_mA_per_cm2.assign(i.begin(), i.begin() + long(k));
  out.capacity_mAh_per_cm2.assign(c.begin(), c.begin() + long(k));
  const double theta = u[k] >= cutoff_V ? 1.0 : (u[k - 1] - cutoff_V) / (u[k - 1] - u[k]);
  auto at = [&](const std::vector<double>& s) { return s[k - 1] + theta * (s[k] - s[k - 1]); };
  out.time_s.push_back(at(t));
  out.voltage_V.push_back(theta == 1.0 ? u[k] : cutoff_V);
  out.current_mA_per_cm2.push_back(at(i));
  out.capacity_mAh_per_cm2.push_back(at(c));
  return out;
}

json massesJson(const CellMasses& m) {
  return {{"cam", m.cam}, {"se", m.se}, {"separator", m.separator}, {"anode", m.anode}, {"total", m.total()}};
}

}  // namespace

DischargeEvaluation evaluateDischarge(const core::VoxelVolume& cell, const CellMaterials& mat,
                                      const EvaluationOptions& opt, const std::string& source) {
  const auto lithiationField = cell.fields.find("li_fraction");
  if (lithiationField == cell.fields.end())
    throw core::InputError(source + ": no /fields/li_fraction (not a discharge output)");
  const core::Grid<std::uint8_t>& phase = cell.phase;
  const std::size_t nz = phase.nz(), layer = phase.ny() * phase.nx();
  const double separatorSlices = requiredMetric(cell, "discharge.cell.separator_slices", source);
  if (separatorSlices < 1 || separatorSlices >= double(nz))
    throw core::InputError(source + ": discharge.cell.separator_slices " + std::to_string(separatorSlices) +
                           " does not fit the cell's " + std::to_string(nz) + " slices");
  const std::size_t first = std::size_t(separatorSlices);
  const double h_um = cell.voxelSize_m() * 1e6;
  const double voxelsToThickness_um = h_um / double(layer);  // a count of voxels as a thickness over the area

  // The cathode's CAM: its x, which voxels, how many; its SE.
  std::vector<std::uint8_t> isCam(phase.size() - first * layer);
  std::vector<double> x(isCam.size());
  std::uint64_t camVoxels = 0, seVoxels = 0;
  for (std::size_t k = 0; k < isCam.size(); ++k) {
    const std::uint8_t p = phase.values()[first * layer + k];
    isCam[k] = p == core::kCAM;
    camVoxels += isCam[k];
    seVoxels += p == core::kSE;
    x[k] = lithiationField->second.values()[first * layer + k];
  }
  if (camVoxels == 0) throw core::InputError(source + ": the cell's cathode holds no CAM voxel");

  const double x0 = mat.cam.initialLithiation();
  const double cTheo = theoreticalCapacity_mAh_per_g(mat.cam.maxConcentration_mol_per_cm3,
                                                     mat.cam.initialConcentration_mol_per_cm3, mat.cam.density_g_per_cm3);
  const CurveToCutoff curve = curveToCutoff(cell, opt.cutoff_V, source);
  const double capacity = curve.capacity_mAh_per_cm2.back();
  const double energy = energy_mWh_per_cm2(curve.time_s, curve.voltage_V, curve.current_mA_per_cm2);
  const double separator_um = separatorSlices * h_um;

  // What was removed: at the structure's voxel size by geomstats --clean,
  // at the cell's by discharge (both as turned to pore).
  const double hFine_um = metricNumber(cell, "discharge.structure.voxel_size_um").value_or(h_um);
  const std::optional<double> fineCam = metricNumber(cell, "geomstats.removed_voxels_cam");
  const std::optional<double> fineSe = metricNumber(cell, "geomstats.removed_voxels_se");
  const double coarseCam = metricNumber(cell, "discharge.cell.removed_voxels_cam").value_or(0);
  const double coarseSe = metricNumber(cell, "discharge.cell.removed_voxels_se").value_or(0);
  const double area_um2 = double(layer) * h_um * h_um;
  const double fineVolume = std::pow(hFine_um, 3) / area_um2, coarseVolume = std::pow(h_um, 3) / area_um2;

  auto indicators = [&](double cam_um, double se_um) {
    const CellMasses m = cellMasses(cam_um, mat.cam.density_g_per_cm3, se_um, mat.se.density_g_per_cm3, separator_um,
                                    mat.se.density_g_per_cm3, cTheo, mat.anode.specificCapacity_mAh_per_g);
    const double cGrav = gravimetricCapacity_mAh_per_g(capacity, m.cam);
    return json{{"c_grav_mAh_per_g", cGrav},
                {"c_norm", cGrav / cTheo},
                {"e_grav_Wh_per_kg", specificEnergy_Wh_per_kg(energy, m)},
                {"cam_thickness_um", cam_um},
                {"se_thickness_um", se_um},
                {"masses_mg_per_cm2", massesJson(m)}};
  };
  const double cam_um = double(camVoxels) * voxelsToThickness_um, se_um = double(seVoxels) * voxelsToThickness_um;
  const json cleaned = indicators(cam_um, se_um);
  const json counted = indicators(cam_um + fineCam.value_or(0) * fineVolume + coarseCam * coarseVolume,
                                  se_um + fineSe.value_or(0) * fineVolume + coarseSe * coarseVolume);

  DischargeEvaluation out;
  out.utilisation = utilisationProfile(isCam, x, nz - first, x0);
  for (std::size_t z = 0; z < out.utilisation.size(); ++z) out.profileDepth_um.push_back((double(z) + 0.5) * h_um);
  out.histogram = lithiationHistogram(isCam, x, opt.histogramBins);
  for (std::size_t b = 0; b <= opt.histogramBins; ++b) out.histogramEdges.push_back(double(b) / double(opt.histogramBins));
  double fieldSum = 0;
  for (std::size_t k = 0; k < x.size(); ++k)
    if (isCam[k]) fieldSum += (x[k] - x0) / (1 - x0);

  auto orNull = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  json& m = out.metrics;
  m["cam"] = mat.cam.name;
  m["cutoff_V"] = opt.cutoff_V;
  m["removed_clusters_counted"] = false;  // the headline values are the study's: cleaned
  m["capacity_mAh_per_cm2"] = capacity;
  m["energy_mWh_per_cm2"] = energy;
  m["mean_voltage_V"] = capacity > 0 ? energy / capacity : 0.0;
  m["time_to_cutoff_s"] = curve.time_s.back();
  // Capacity 0 from the start: the voltage at t = 0 already at the cut-off,
  // or no curve at all (no ionic path to the CAM); discharge's status says which.
  m["starts_below_cutoff"] = curve.time_s.size() == 1;
  const auto status = cell.metrics.find("discharge.status");
  if (status != cell.metrics.end() && std::holds_alternative<std::string>(status->second))
    m["discharge_status"] = std::get<std::string>(status->second);
  m["c_theo_mAh_per_g"] = cTheo;
  m["initial_lithiation"] = x0;
  m["c_grav_mAh_per_g"] = cleaned["c_grav_mAh_per_g"];
  m["c_norm"] = cleaned["c_norm"];
  m["e_grav_Wh_per_kg"] = cleaned["e_grav_Wh_per_kg"];
  m["cleaned"] = cleaned;
  m["removed_counted"] = counted;
  m["separator_um"] = separator_um;
  m["removed_voxels"] = {{"structure_cam", orNull(fineCam)},
                         {"structure_se", orNull(fineSe)},
                         {"structure_voxel_size_um", hFine_um},
                         {"cell_cam", coarseCam},
                         {"cell_se", coarseSe},
                         {"cell_voxel_size_um", h_um}};
  // The final field's mean utilisation: C_norm again, by the Li balance,
  // when the cut-off is discharge's own.
  m["c_norm_from_li_field"] = fieldSum / double(camVoxels);
  m["utilisation_profile"] = {{"depth_um", out.profileDepth_um}, {"utilisation", out.utilisation}};
  m["li_histogram"] = {{"edges", out.histogramEdges}, {"counts", out.histogram}};
  return out;
}

}  // namespace ssb::energy
