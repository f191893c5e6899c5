// sinter: densifies a piled structure to a target density by geometric
// sintering (docs/model.md §2); with --svf-cam as well, piles anew with adjusted
// inputs (DF-SANE) until both targets are met, as the reference study did.
//
//   sinter pile.h5 --density 0.931 -o s.h5
//   genstruct --svf-cam 0.5 -o - | sinter - --density 0.931 --svf-cam 0.5 -o s.h5
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/StructureOptions.hpp"
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "structure/Generate.hpp"
#include "structure/PileRecord.hpp"

namespace {

struct Options {
  std::string input = "-", output;
  double density = 0.931;
  std::optional<double> svfCam;
  double tolerance = 0.0025;
  int maxEvaluations = 24;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("sinter", "Densify a piled structure to a target density by geometric sintering; "
                           "with --svf-cam, re-pile until density and SVF_CAM both meet their targets.");
  Options opt;
  auto& app = tool.app();
  app.add_option("input", opt.input, "Piled structure (genstruct output), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", opt.output, "Output voxel file, or - for stdout")->required();
  app.add_option("--density", opt.density, "Target solid fraction rho_S after sintering, in (0, 1]")
      ->check(cli::Positive & CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--svf-cam", opt.svfCam, "Target SVF_CAM after sintering, in (0, 1) (re-piles; needs genstruct provenance)")
      ->check(cli::OpenFraction);
  app.add_option("--tolerance", opt.tolerance, "Largest absolute deviation from each target (0.0025 = 0.25 points)")
      ->check(CLI::Range(1e-6, 0.1))->capture_default_str();
  app.add_option("--max-evaluations", opt.maxEvaluations, "Most pile-and-sinter evaluations of the fit")
      ->check(CLI::Range(1, 100))->capture_default_str();

  return tool.run(argc, argv, [&] {
    io::checkOutputTarget(opt.output, io::formatForOutput(opt.output));
    io::InputFile in = io::readVoxelFile(opt.input);
    const std::string source = opt.input == "-" ? "stdin" : opt.input;
    if (!in.volume.grain) throw core::InputError(source + ": no /grain (sinter grows grains: give a genstruct pile)");
    core::VoxelVolume v;
    nlohmann::json m;
    if (opt.svfCam) {
      structure::StructureOptions base = cli::pileOptionsOf(in.volume, source);
      if (base.pile.svfCamBottom != base.pile.svfCamTop)
        throw core::InputError(source + ": --svf-cam fits a uniform SVF_CAM, but this pile has a gradient (" +
                               std::to_string(base.pile.svfCamBottom) + ":" + std::to_string(base.pile.svfCamTop) +
                               "); sinter it with --density only");
      structure::FitTargets targets{opt.density, *opt.svfCam, opt.tolerance, opt.maxEvaluations};
      structure::Fitted fit = structure::fitToTargets(base, targets);
      m = {{"density", fit.density}, {"svf_cam", fit.svfCam}, {"svf_cam_pile_input", fit.svfCamInput},
           {"density_error", fit.density - opt.density}, {"svf_cam_error", fit.svfCam - *opt.svfCam},
           {"fit_evaluations", fit.evaluations}, {"fit_iterations", fit.iterations},
           {"offset_um", fit.sintered.offset_vox * base.pile.voxel_um},
           {"density_before", fit.sintered.densityBefore}};
      if (!fit.converged) {
        std::ostringstream s;
        s << "targets not reached in " << fit.evaluations << " evaluations: density " << fit.density
          << " (target " << opt.density << "), SVF_CAM " << fit.svfCam << " (target " << *opt.svfCam << ")";
        throw core::RuntimeFailure(s.str());
      }
      v.phase = std::move(fit.phase);
      v.grain = std::move(fit.sintered.grain);
      structure::storeParticleTable(v, fit.pile.particles, base.pile.voxel_um);
      // The input pile's own figures no longer describe this re-piled
      // structure; its record does, with the SVF_CAM input that piled it.
      for (const char* keep : {"recipe", "recipe_scaled"})
        if (in.volume.metrics.count(keep)) v.metrics[keep] = in.volume.metrics.at(keep);
      base.pile.svfCamBottom = base.pile.svfCamTop = fit.svfCamInput;
      base.pile.balanceGrowth_vox = fit.balanceGrowth_vox;
      base.pressStrain = fit.pressStrain;
      v.metrics[structure::kPileRecordMetric] = structure::pileRecordToJson(base);
    } else {
      const auto phaseOfId = structure::phaseOfGrains(in.volume.phase, *in.volume.grain, source);
      auto s = structure::sinterToDensity(*in.volume.grain, opt.density, tool.common().seed);
      v.phase = structure::phaseFromGrains(s.grain, phaseOfId);
      v.grain = std::move(s.grain);
      v.series = in.volume.series;
      v.metrics = in.volume.metrics;
      const core::Fractions reached = core::phaseFractions(v.phase);
      m = {{"density", reached.density()}, {"svf_cam", reached.svfCam()},
           {"offset_um", s.offset_vox * in.volume.voxelSize_m() * 1e6}, {"density_before", s.densityBefore}};
    }
    for (const auto& [key, value] : m.items())
      v.metrics["sinter." + key] = value.is_number_integer() ? core::MetricValue(value.get<std::int64_t>())
                                                             : core::MetricValue(value.get<double>());
    v.provenance = in.volume.provenance;
    v.provenance.push_back(tool.provenance({&in}));
    io::writeVoxelFile(v, opt.output);
    core::log().info("density {:.4f}, SVF_CAM {:.4f}, offset {:.3f} um", m["density"].get<double>(),
                     m["svf_cam"].get<double>(), m["offset_um"].get<double>());
    tool.writeJson(m, {&in}, opt.output);
  });
}
