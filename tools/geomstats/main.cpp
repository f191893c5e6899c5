// geomstats: geometric characteristics of a cathode structure (docs/model.md §4):
// SVF_CAM, porosity, density, active SE-CAM area, connectivity of SE and
// CAM, phase fractions per z slice; --clean writes the structure with
// isolated clusters turned to pore, as the reference study did before every
// electrochemical run.
//
//   geomstats s.h5                      # a table
//   geomstats s.h5 --json m.json        # the metrics document
//   geomstats s.h5 --clean -o clean.h5
#include <iostream>

#include "cli/SidesOption.hpp"
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "geometry/Report.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("geomstats", "Geometric characteristics of a cathode structure: fractions, active "
                              "area, connectivity; --clean removes isolated clusters.");
  std::string input = "-", output;
  bool clean = false;
  core::Sides sides = core::Sides::Periodic;
  auto& app = tool.app();
  app.add_option("input", input, "Structure (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Write the structure with the metrics added (cleaned with --clean)");
  app.add_flag("--clean", clean, "Turn isolated SE and CAM clusters to pore in the output");
  cli::addSidesOption(app, sides, "Lateral sides: x, y wrap as the cathode's, or bounded as an image's");

  return tool.run(argc, argv, [&] {
    if (clean && output.empty()) throw core::InputError("--clean: needs -o OUT for the cleaned structure");
    if (!output.empty()) io::checkOutputTarget(output, io::formatForOutput(output));
    if (!output.empty() && output == "-" && tool.jsonToStdout())
      throw core::InputError("--json -: stdout already carries the voxel file (-o -); give --json a file");
    io::InputFile in = io::readVoxelFile(input);
    geometry::GeometryReport r = geometry::analyseStructure(in.volume.phase, sides);
    if (!tool.jsonToStdout() && output != "-") geometry::printReport(std::cout, r.report);
    if (!output.empty()) {
      core::VoxelVolume v = std::move(in.volume);
      if (clean) {
        v.phase = std::move(r.cleaned);
        // Grain ids and material ids of removed voxels go with them.
        for (std::size_t i = 0; i < v.phase.size(); ++i) {
          if (v.phase.values()[i] != core::kPore) continue;
          if (v.grain) v.grain->values()[i] = 0;
          if (v.materialId) v.materialId->values()[i] = 0;
        }
      }
      const auto& j = r.report;
      for (const char* k : {"svf_cam", "porosity", "density", "connectivity_se", "connectivity_cam"})
        v.metrics[std::string("geomstats.") + k] = j[k].get<double>();
      v.metrics["geomstats.active_area_per_cm"] = j["active_area"]["per_volume_per_cm"].get<double>();
      v.metrics["geomstats.active_area_per_cm_cleaned"] = j["cleaned"]["active_area"]["per_volume_per_cm"].get<double>();
      v.metrics["geomstats.se_cam_faces_per_cm"] = j["active_area"]["faces_per_volume_per_cm"].get<double>();
      v.metrics["geomstats.se_cam_crofton_per_cm"] = j["active_area"]["crofton_per_volume_per_cm"].get<double>();
      v.metrics["geomstats.cleaned"] = std::int64_t(clean);
      if (clean)  // what the cleaning turned to pore, so that results can count it back (evalenergy)
        for (const char* k : {"removed_voxels_se", "removed_voxels_cam"})
          v.metrics[std::string("geomstats.") + k] = j["cleaned"][k].get<std::int64_t>();
      for (const char* p : {"pore", "se", "cam"})
        v.series[std::string("geomstats.slice_") + p] = j["slices"][p].get<std::vector<double>>();
      v.provenance.push_back(tool.provenance({&in}));
      io::writeVoxelFile(v, output);
    }
    tool.writeJson(r.report, {&in}, output);
  });
}
