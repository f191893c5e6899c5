// effcond: effective conductivity and tortuosity of the SE and CAM networks
// (the reference study's Eqs. 5-6; docs/model.md), with grain-boundary
// resistances in the SE.
//
//   effcond s.h5                                   # both phases, along z
//   effcond seg.h5 --phase se --gb-i0 7e-3 --json m.json
//   effcond scan.h5 --axis x --sides bounded --dry-run
//   mpirun -n 4 effcond s.h5                       # the same solve on 4 processes
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/SidesOption.hpp"
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "materials/Constants.hpp"
#include "materials/Material.hpp"
#include "parallel/RunPolicy.hpp"
#include "transport/Report.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("effcond", "Effective conductivity and tortuosity of the SE and CAM networks, "
                            "with grain-boundary resistances in the SE.");
  transport::EffcondOptions o;
  parallel::ParallelRun::Options runOptions;
  std::string output, phase = "both", axis = "z", cam = "lco", se = "llzo";
  std::optional<double> gbI0, gbR, sigmaSe, sigmaCam;
  auto& app = tool.app();
  app.add_option("input", runOptions.input, "Structure (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Write the structure with potential and current density fields");
  app.add_option("--phase", phase, "se, cam or both")->check(CLI::IsMember({"se", "cam", "both"}))->capture_default_str();
  app.add_option("--axis", axis, "Direction of the applied voltage: z (through the cathode), y or x")
      ->check(CLI::IsMember({"x", "y", "z"}))->capture_default_str();
  cli::addSidesOption(app, o.sides, "Lateral sides: periodic (as the paper) or bounded, with no flux (as TauFactor)");
  app.add_option("--cam", cam, "CAM material: lco, nmc811 (data/materials) or a material file")->capture_default_str();
  app.add_option("--se", se, "SE material: llzo (data/materials) or a material file")->capture_default_str();
  app.add_option("--bulk-conductivity-se", sigmaSe, "SE bulk conductivity, S/cm (overrides --se's)")->check(cli::Positive);
  app.add_option("--bulk-conductivity-cam", sigmaCam, "CAM bulk conductivity, S/cm (overrides --cam's)")->check(cli::Positive);
  auto* i0 = app.add_option("--gb-i0", gbI0, "GB exchange current density, A/cm^2: R_GB = RT/(F i0)")->check(cli::Positive);
  app.add_option("--gb-resistance", gbR, "GB area-specific resistance, ohm cm^2")->check(cli::Positive)->excludes(i0);
  app.add_option("--gb-resistance-factor", o.gbResistanceFactor,
                 "Calibration: GB faces resist this many times R_GB (docs/validation.md; 1: the model as stated)")
      ->check(CLI::Range(1e-3, 1e3))->capture_default_str();
  app.add_option("--rtol", o.krylov.relativeTolerance, "Relative residual to reach")->check(CLI::Range(1e-14, 1e-2))->capture_default_str();
  app.add_option("--max-iterations", o.krylov.maxIterations, "Most CG iterations")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--solver", runOptions.solver, parallel::ParallelRun::solverHelp())
      ->check(CLI::IsMember(parallel::ParallelRun::solverNames()))->capture_default_str();
  app.add_option("--petsc-options", runOptions.petscOptions, "PETSc options for the petsc-* solvers, e.g. \"-ksp_monitor\"");
  app.add_flag("--dry-run", o.dryRun, "Print sizes, memory and percolation, solve nothing");

  parallel::ParallelRun run;  // outlives tool.run: a failure is reported while MPI still runs
  return tool.run(argc, argv, [&] {
    run.start(tool, runOptions);
    const std::string& input = runOptions.input;
    const materials::Material seMaterial = materials::loadMaterial(se, materials::Kind::SolidElectrolyte, "--se");
    const materials::Material camMaterial = materials::loadMaterial(cam, materials::Kind::ActiveMaterial, "--cam");
    o.sigmaSe_S_per_cm = sigmaSe.value_or(seMaterial.conductivity_S_per_cm);
    o.sigmaCam_S_per_cm = sigmaCam.value_or(camMaterial.conductivity_S_per_cm);
    if (run.speaker() && !output.empty()) io::checkOutputTarget(output, io::formatForOutput(output));
    io::ReadOptions read;
    read.skipGrainAndFields = output.empty();  // not written back: only phases and material ids are needed
    io::InputFile in = io::readVoxelFile(input, read);
    const std::string source = input == "-" ? "stdin" : input;
    o.axis = axis == "z" ? 0 : axis == "y" ? 1 : 2;
    o.wantFields = !output.empty();
    if (phase != "cam") o.phases.push_back(core::kSE);
    if (phase != "se") o.phases.push_back(core::kCAM);
    if (gbI0) o.gbResistance_ohm_cm2 = materials::gbResistanceFromI0_ohm_cm2(*gbI0);
    if (gbR) o.gbResistance_ohm_cm2 = *gbR;
    transport::requirePhases(in.volume, o.phases, source);
    if (o.gbResistance_ohm_cm2 > 0 && !in.volume.materialId)
      throw core::InputError(source + ": --gb-i0/--gb-resistance need /material_id (run segment first)");
    transport::EffcondRun result = transport::runEffcond(in.volume, o, run.solver());
    if (!result.converged) throw core::RuntimeFailure(result.failure);
    result.report["solver"] = run.solver().name();
    result.report["processes"] = run.processes();
    result.report["materials"] = {{"se", seMaterial.name}, {"cam", camMaterial.name}};
    if (!run.speaker()) return;
    if (!tool.jsonToStdout()) transport::printEffcond(std::cout, result.report);
    if (!o.dryRun && !output.empty()) {
      for (auto& [name, field] : result.fields) in.volume.fields.insert_or_assign(name, std::move(field));
      for (const char* p : {"se", "cam"})
        if (result.report.contains(p)) {
          const auto& r = result.report[p];
          in.volume.metrics[std::string("effcond.sigma_eff_") + p + "_S_per_cm"] = r["sigma_eff_S_per_cm"].get<double>();
          in.volume.metrics[std::string("effcond.tortuosity_") + p] =
              r["tortuosity"].is_null() ? INFINITY : r["tortuosity"].get<double>();
        }
      in.volume.provenance.push_back(tool.provenance({&in}));
      io::writeVoxelFile(in.volume, output);
    }
    tool.writeJson(result.report, {&in}, output);
  });
}
