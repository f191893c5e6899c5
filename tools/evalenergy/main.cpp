// evalenergy: the performance indicators of a discharged cell (the
// reference study's Eqs. 7 to 10; docs/model.md "evalenergy"): C_grav at the
// cut-off, C_theo, C_norm, E_grav per cell mass with the anode by n/p = 1,
// the capacity per area, the utilisation along z and the histogram of Li.
// Headline values count the CAM after cluster removal, as the study does;
// the same with the removed clusters counted are printed beside them.
//
//   evalenergy cell.h5                         # a table
//   evalenergy cell.h5 --json e.json           # the metrics document, with the profile and histogram
//   evalenergy cell.h5 --cutoff-V 3.6 -o e.h5  # at another voltage; the cell with the results added
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "energy/Evaluation.hpp"
#include "energy/Report.hpp"
#include "io/MetricsJson.hpp"
#include "materials/Material.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("evalenergy", "Performance indicators of a discharged cell: C_grav, C_theo, C_norm, E_grav, "
                               "the utilisation along z and the histogram of Li.");
  std::string input = "-", output;
  std::optional<std::string> cam, se, anode;
  energy::EvaluationOptions o;
  auto& app = tool.app();
  app.add_option("input", input, "discharge's output (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Write the cell with the indicators added to /metrics and /series");
  app.add_option("--cutoff-V", o.cutoff_V, "Capacity and energy up to this voltage, V (Eq. 7: 3.4)")
      ->check(cli::Positive)->capture_default_str();
  app.add_option("--bins", o.histogramBins, "Bins of the Li histogram over x in [0, 1]")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--cam", cam, "CAM material (default: the one discharge used)");
  app.add_option("--se", se, "SE material, also the separator's (default: the one discharge used)");
  app.add_option("--anode", anode, "Anode material, its specific capacity for n/p = 1 (default: the one discharge used)");

  return tool.run(argc, argv, [&] {
    if (!output.empty()) io::checkOutputTarget(output, io::formatForOutput(output));
    if (output == "-" && tool.jsonToStdout())
      throw core::InputError("--json -: stdout already carries the voxel file (-o -); give --json a file");
    io::InputFile in = io::readVoxelFile(input);
    const std::string source = input == "-" ? "stdin" : input;
    const nlohmann::json used = energy::dischargeParameters(in.volume, source);
    auto choose = [&](const std::optional<std::string>& given, const char* key) {
      if (given) return *given;
      if (!used.contains(key) || !used[key].is_string())
        throw core::InputError(source + ": the discharge step names no " + key + " material; give --" + key);
      return used[key].get<std::string>();
    };
    using materials::Kind;
    energy::CellMaterials m{materials::loadMaterial(choose(cam, "cam"), Kind::ActiveMaterial, "--cam"),
                            materials::loadMaterial(choose(se, "se"), Kind::SolidElectrolyte, "--se"),
                            materials::loadMaterial(choose(anode, "anode"), Kind::MetalAnode, "--anode")};
    energy::DischargeEvaluation r = energy::evaluateDischarge(in.volume, m, o, source);
    if (!tool.jsonToStdout() && output != "-") energy::printEvaluation(std::cout, r.metrics);
    if (!output.empty()) {
      io::addMetrics(in.volume.metrics, "evalenergy", r.metrics);
      in.volume.series["evalenergy.depth_um"] = r.profileDepth_um;
      in.volume.series["evalenergy.utilisation"] = r.utilisation;
      in.volume.series["evalenergy.histogram_edges"] = r.histogramEdges;
      in.volume.series["evalenergy.histogram_counts"].assign(r.histogram.begin(), r.histogram.end());
      in.volume.provenance.push_back(tool.provenance({&in}));
      io::writeVoxelFile(in.volume, output);
    }
    tool.writeJson(r.metrics, {&in}, output);
  });
}
