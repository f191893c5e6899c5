#include "geometry/Report.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/Phase.hpp"
#include "geometry/Clusters.hpp"
#include "geometry/Metrics.hpp"

namespace ssb::geometry {

using nlohmann::json;

namespace {
json areaJson(const ActiveArea& a) {
  return {{"cam_voxels", a.camVoxels},
          {"area_um2", a.area_m2 * 1e12},
          {"per_volume_per_cm", a.perVolume_per_cm},
          {"per_volume_um2_per_um3", a.perVolume_um2_um3},
          {"per_geometric_area", a.perGeometricArea},
          {"faces", a.faces},
          {"faces_per_volume_per_cm", a.facesPerVolume_per_cm},
          {"crofton_per_volume_per_cm", a.croftonPerVolume_per_cm}};
}
}  // namespace

GeometryReport analyseStructure(const core::Grid<std::uint8_t>& phase, core::Sides sides) {
  GeometryReport r;
  json& j = r.report;
  const core::Fractions f = core::phaseFractions(phase);
  j["sides"] = std::string(core::sidesName(sides));
  j["svf_cam"] = f.svfCam();
  j["porosity"] = f.pore;
  j["density"] = f.density();
  j["fraction_se"] = f.se;
  j["fraction_cam"] = f.cam;
  j["active_area"] = areaJson(activeArea(phase, sides));
  for (std::uint8_t p : {core::kSE, core::kCAM}) {
    const auto c = phaseClusters(phase, p, electrodeFace(p), sides);
    const std::string name(core::phaseName(p));
    std::uint64_t clusters = 0, isolatedClusters = 0;
    for (std::size_t k = 1; k < c.size.size(); ++k) {
      ++clusters;
      isolatedClusters += !c.connected[k];
    }
    j["connectivity_" + name] = c.connectivity();
    j["isolated_voxels_" + name] = c.isolated;
    j["clusters_" + name] = clusters;
    j["isolated_clusters_" + name] = isolatedClusters;
  }
  r.cleaned = phase;
  const auto removed = removeIsolatedClusters(r.cleaned, sides);
  const core::Fractions fc = core::phaseFractions(r.cleaned);
  j["cleaned"] = {{"svf_cam", fc.svfCam()}, {"porosity", fc.pore}, {"density", fc.density()},
                  {"removed_voxels_se", removed[core::kSE]}, {"removed_voxels_cam", removed[core::kCAM]},
                  {"active_area", areaJson(activeArea(r.cleaned, sides))}};
  json slices = {{"z_um", json::array()}, {"pore", json::array()}, {"se", json::array()}, {"cam", json::array()}};
  const double h_um = phase.voxelSize_m() * 1e6;
  const auto sf = sliceFractions(phase);
  for (std::size_t z = 0; z < sf.size(); ++z) {
    slices["z_um"].push_back((double(z) + 0.5) * h_um);
    slices["pore"].push_back(sf[z].pore);
    slices["se"].push_back(sf[z].se);
    slices["cam"].push_back(sf[z].cam);
  }
  j["slices"] = slices;
  return r;
}

void printReport(std::ostream& out, const json& j) {
  auto row = [&](const std::string& k, double v, int prec, const std::string& unit) {
    out << std::left << std::setw(34) << k << std::right << std::setw(12) << std::fixed
        << std::setprecision(prec) << v << " " << unit << "\n";
  };
  row("SVF_CAM", 100 * j["svf_cam"].get<double>(), 2, "%");
  row("density rho_S", 100 * j["density"].get<double>(), 2, "%");
  row("porosity", 100 * j["porosity"].get<double>(), 2, "%");
  row("active area", j["active_area"]["per_volume_per_cm"].get<double>(), 0, "1/cm");
  row("active area", j["active_area"]["per_volume_um2_per_um3"].get<double>(), 4, "um^2/um^3");
  row("active area per geometric area", j["active_area"]["per_geometric_area"].get<double>(), 2, "");
  row("SE-CAM face area", j["active_area"]["faces_per_volume_per_cm"].get<double>(), 0, "1/cm");
  row("SE-CAM surface (Crofton estimate)", j["active_area"]["crofton_per_volume_per_cm"].get<double>(), 0, "1/cm");
  row("connectivity SE (to separator)", 100 * j["connectivity_se"].get<double>(), 2, "%");
  row("connectivity CAM (to collector)", 100 * j["connectivity_cam"].get<double>(), 2, "%");
  out << "after removing isolated clusters:\n";
  row("  SVF_CAM", 100 * j["cleaned"]["svf_cam"].get<double>(), 2, "%");
  row("  density rho_S", 100 * j["cleaned"]["density"].get<double>(), 2, "%");
  row("  active area", j["cleaned"]["active_area"]["per_volume_per_cm"].get<double>(), 0, "1/cm");
  row("  active area per geometric area", j["cleaned"]["active_area"]["per_geometric_area"].get<double>(), 2, "");
}

}  // namespace ssb::geometry
