// discharge: the 3D galvanostatic discharge of a Li | SE separator |
// composite cathode cell resolved on the voxels, with Butler-Volmer
// kinetics at every SE-CAM face and grain-boundary resistances in the SE
// (docs/model.md, "discharge"; the reference study's electrochemistry).
//
//   discharge clean.h5 -o cell.h5                       # LCO, 1 mA/cm^2 to 3.4 V, no GBs
//   discharge clean.h5 --gb-i0 7e-3 --json m.json -o cell.h5
//   discharge clean.h5 --cam nmc811 --coarsen 1 -o cell.h5
#include <atomic>
#include <csignal>
#include <cmath>
#include <iostream>
#include <optional>

#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Memory.hpp"
#include "echem/Cell.hpp"
#include "echem/Checkpoint.hpp"
#include "echem/Report.hpp"
#include "echem/Run.hpp"
#include "materials/Constants.hpp"
#include "materials/Material.hpp"
#include "parallel/RunPolicy.hpp"
#include "parallel/TimeStepper.hpp"

namespace {
std::atomic<bool> interrupted{false};
void onInterrupt(int) { interrupted = true; }
}  // namespace

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("discharge", "Galvanostatic discharge of a Li | SE | composite cathode cell resolved on the voxels.");
  parallel::ParallelRun::Options runOptions;
  runOptions.solver = "petsc-mg";
  std::string output, cam = "lco", se = "llzo", anode = "li";
  double current_mA_cm2 = 1.0, separator_um = 25.0;
  int coarsen = 2;
  bool noGb = false, separatorGb = false, constantTransport = false;
  std::optional<double> gbI0, gbR;
  echem::DischargeParameters p;
  echem::DischargeRunOptions runs;
  numerics::IntegrationOptions integration;
  auto& app = tool.app();
  app.add_option("input", runOptions.input, "Segmented, cleaned cathode (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Output: the cell with the curve, the final Li fraction and the figures")->required();
  app.add_option("--cam", cam, "CAM: lco, nmc811 (data/materials) or a material file")->capture_default_str();
  app.add_option("--se", se, "Solid electrolyte: llzo or a material file")->capture_default_str();
  app.add_option("--anode", anode, "Anode: li or a material file")->capture_default_str();
  app.add_option("--current-mA-cm2", current_mA_cm2, "Discharge current per geometric area, mA/cm^2")->check(cli::Positive)->capture_default_str();
  app.add_option("--cutoff-V", runs.cutoff_V, "Cut-off voltage, V")->check(cli::Positive)->capture_default_str();
  app.add_option("--end-extrapolation", runs.endExtrapolation, "End an ever faster voltage fall once the cut-off is this fraction of t away (0: step onto it)")
      ->check(CLI::Range(0.0, 1e-2))->capture_default_str();
  auto* i0 = app.add_option("--gb-i0", gbI0, "Grain-boundary exchange current density i_GB0, A/cm^2 (Eq. 1)")->check(cli::Positive);
  auto* r = app.add_option("--gb-resistance", gbR, "Grain-boundary resistance R_GB = RT/(F i_GB0), ohm cm^2")->check(cli::Positive)->excludes(i0);
  app.add_flag("--no-gb", noGb, "No grain boundaries (the default)")->excludes(i0)->excludes(r);
  app.add_option("--gb-resistance-factor", p.gbResistanceFactor,
                 "Calibration: GB faces resist this many times R_GB, i.e. i_GB0 / factor (docs/validation.md)")
      ->check(CLI::Range(1e-3, 1e3))->capture_default_str();
  app.add_flag("--separator-gb", separatorGb, "The separator's contact with cathode SE grains is a grain boundary too");
  app.add_option("--temperature", p.temperature_K, "Cell temperature, K")->check(cli::Positive)->capture_default_str();
  app.add_option("--coarsen", coarsen, "Simulate on voxels this many times larger (2: 100 nm structure, 200 nm cell)")->check(CLI::Range(1, 16))->capture_default_str();
  app.add_option("--separator-um", separator_um, "Separator thickness, um")->check(cli::Positive)->capture_default_str();
  echem::SeparatorGrading grading;
  app.add_option("--separator-grading", grading.ratio, "Separator slices grow by this ratio away from the cathode (1: voxels)")->check(CLI::Range(1.0, 4.0))->capture_default_str();
  app.add_option("--separator-fine-um", grading.fine_um, "Separator next to the cathode kept in voxels, um")->check(cli::Positive)->capture_default_str();
  app.add_flag("--constant-transport", constantTransport, "CAM sigma and D constant at their initial values (no tables)");
  app.add_flag("--sub-voxel-surface", p.surfaceExtrapolation,
               "SE-CAM faces take the surface's Li fraction extrapolated with the face's flux (default: the voxel's, as the reference study)");
  app.add_option("--dt-initial-s", integration.initialStep_s, "First time step, s")->check(cli::Positive)->capture_default_str();
  app.add_option("--dt-max-s", integration.maxStep_s, "Largest time step, s")->check(cli::Positive)->capture_default_str();
  app.add_option("--step-tolerance", integration.stepTolerance, "Local error allowed per step in the Li fraction")->check(CLI::Range(1e-8, 0.5))->capture_default_str();
  bool dryRun = false;
  std::string checkpoint, restart;
  double checkpointEvery_min = 0;
  app.add_option("--checkpoint-every", checkpointEvery_min, "Save the state every MIN minutes of wall time (and on Ctrl-C); 0: never")
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--checkpoint", checkpoint, "Checkpoint file (default: the output's name with .checkpoint before its extension)");
  app.add_option("--restart", restart, "Continue the run saved in this checkpoint (same input and model options)")->check(CLI::ExistingFile);
  app.add_flag("--dry-run", dryRun, "Build the cell, print its unknowns and memory per process, and stop");
  app.add_option("--petsc-options", runOptions.petscOptions, "PETSc options (-ts_*, -snes_*, -ksp_*), e.g. \"-snes_monitor\"");

  parallel::ParallelRun run;
  return tool.run(argc, argv, [&] {
    run.start(tool, runOptions);
    const std::string source = runOptions.input == "-" ? "stdin" : runOptions.input;
    p.cam = materials::loadMaterial(cam, materials::Kind::ActiveMaterial, "--cam");
    p.se = materials::loadMaterial(se, materials::Kind::SolidElectrolyte, "--se");
    p.anode = materials::loadMaterial(anode, materials::Kind::MetalAnode, "--anode");
    if (constantTransport) p.cam.useConstantTransport();
    p.current_A_per_m2 = current_mA_cm2 * 10.0;
    if (gbI0) p.gbExchangeCurrent_A_per_m2 = *gbI0 * 1e4;
    if (gbR) p.gbExchangeCurrent_A_per_m2 = materials::kGasConstant * p.temperature_K / (materials::kFaraday * *gbR) * 1e4;
    p.separatorGrainBoundary = separatorGb;
    const double u0 = p.cam.openCircuitVoltage_V(p.cam.initialLithiation());
    if (runs.cutoff_V >= u0)
      throw core::InputError("--cutoff-V " + std::to_string(runs.cutoff_V) + ": not below the initial open-circuit voltage " +
                             std::to_string(u0) + " V of " + p.cam.name);
    if (run.speaker()) io::checkOutputTarget(output, io::formatForOutput(output));
    io::InputFile in = io::readVoxelFile(runOptions.input);
    if (p.gbExchangeCurrent_A_per_m2 > 0 && !in.volume.materialId)
      throw core::InputError(source + ": --gb-i0/--gb-resistance need /material_id (run segment first)");
    const echem::CellBuild build = echem::buildCell(in.volume, coarsen, separator_um, source, grading);
    if (build.cropped.size() != in.volume.phase.shape().size())
      core::log().warn("{}: the box {} is cut to {} for --coarsen {}", source, in.volume.phase.shape().str(), build.cropped.str(), coarsen);
    echem::DischargeModel model(build.cell, p, run.solver());
    if (dryRun) {
      const nlohmann::json size = echem::dryRunMetrics(echem::estimateSize(model, integration, in.volume.phase.size()));
      if (run.speaker()) tool.writeJson(size, {&in}, output);
      return;
    }
    integration.newtonAbsoluteTolerance = model.newtonTolerance();
    runs.checkpointEvery_s = 60 * checkpointEvery_min;
    runs.checkpointPath = checkpoint.empty() ? echem::defaultCheckpointPath(output) : checkpoint;
    runs.fingerprint = echem::dischargeFingerprint(p, in.sha256, coarsen, separator_um, grading);
    std::optional<echem::DischargeCheckpoint> saved;
    if (!restart.empty()) {
      saved = echem::readCheckpoint(restart, model, runs.fingerprint);
      integration.initialStep_s = saved->nextStep_s;
      runs.restart = &*saved;
      core::log().info("{}: continuing from t = {:.1f} s", restart, saved->time_s);
    }
    parallel::TimeStepper stepper(model, integration);
    core::log().info("cell {} voxels of {:.3f} um ({} separator slices), {} CAM voxels, {} SE-CAM faces, {} GB faces",
                     build.cell.phase.shape().str(), build.cell.phase.voxelSize_m() * 1e6, build.cell.separatorSlices,
                     model.camVoxels(), model.interfaceFaces(), model.gbFaces());
    std::signal(SIGINT, onInterrupt);
    const echem::DischargeResult result = echem::runDischarge(model, stepper, runs, echem::progressLog(), &interrupted);
    std::signal(SIGINT, SIG_DFL);
    const std::vector<double> lithiation = model.gatherLithiation(result.state);
    echem::DischargeReport report = echem::makeReport(build, model, p, result, lithiation, tool.elapsed_s());
    report.metrics["peak_memory_MiB"] = model.maximum(core::peakMemory_MiB());  // the largest process's
    if (run.speaker()) {
      core::log().info("{}: {:.4f} mAh/cm2, {:.2f} mAh/g, initial voltage {:.4f} V, {} steps, Li balance {:.1e}",
                       result.status, result.capacityAtEnd_mAh_per_cm2, report.metrics["capacity_mAh_per_g"].get<double>(),
                       result.initialVoltage_V, result.steps, result.lithiumBalanceError);
      report.volume.inheritLineage(in.volume);
      report.volume.provenance.push_back(tool.provenance({&in}));
      io::writeVoxelFile(report.volume, output);
      tool.writeJson(report.metrics, {&in}, output);
    }
    if (result.maxLithiation > 1 + 1e-6)
      throw core::RuntimeFailure("a CAM voxel was filled past x = 1 (max x " + std::to_string(result.maxLithiation) +
                                 "): the curve is written but not valid");
    if (!result.complete)
      throw core::RuntimeFailure(result.status + " at t = " + std::to_string(result.endTime_s) +
                                 " s; the partial curve is written and marked incomplete");
  });
}
