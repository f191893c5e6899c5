// effcond: effective conductivity and tortuosity of the SE and CAM networks
// (the reference study's Eqs. 5-6; MODEL.md §5), with grain-boundary
// resistances in the SE.
//
//   effcond s.h5                                   # both phases, along z
//   effcond seg.h5 --phase se --gb-i0 7e-3 --json m.json
//   effcond scan.h5 --axis x --sides insulated --dry-run
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/SidesOption.hpp"
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "transport/PetscSolver.hpp"
#include "transport/Report.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("effcond", "Effective conductivity and tortuosity of the SE and CAM networks, "
                            "with grain-boundary resistances in the SE.");
  transport::EffcondOptions o;
  std::string input = "-", output, phase = "both", axis = "z", solver = "mg";
  core::Sides sides = core::Sides::Periodic;
  std::optional<double> gbI0, gbR;
  auto& app = tool.app();
  app.add_option("input", input, "Structure (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Write the structure with potential and current density fields");
  app.add_option("--phase", phase, "se, cam or both")->check(CLI::IsMember({"se", "cam", "both"}))->capture_default_str();
  app.add_option("--axis", axis, "Direction of the applied voltage: z (through the cathode), y or x")
      ->check(CLI::IsMember({"x", "y", "z"}))->capture_default_str();
  cli::addSidesOption(app, sides, "Lateral sides: periodic (as the paper) or bounded, with no flux (as TauFactor)");
  app.add_option("--bulk-conductivity-se", o.sigmaSe_S_per_cm, "SE bulk conductivity, S/cm (LLZO)")
      ->check(cli::Positive)->capture_default_str();
  app.add_option("--bulk-conductivity-cam", o.sigmaCam_S_per_cm, "CAM bulk conductivity, S/cm (LCO; NMC811: 8.83e-3)")
      ->check(cli::Positive)->capture_default_str();
  auto* i0 = app.add_option("--gb-i0", gbI0, "GB exchange current density, A/cm^2: R_GB = RT/(F i0)")->check(cli::Positive);
  app.add_option("--gb-resistance", gbR, "GB area-specific resistance, ohm cm^2")->check(cli::Positive)->excludes(i0);
  app.add_option("--rtol", o.solve.relativeTolerance, "Relative residual to reach")->check(CLI::Range(1e-14, 1e-2))->capture_default_str();
  app.add_option("--max-iterations", o.solve.maxIterations, "Most CG iterations")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--solver", solver, "mg (multigrid-preconditioned CG; under mpirun it runs as petsc-mg), "
                                      "jacobi (Jacobi-CG), or through PETSc: petsc-mg (the same multigrid in PCMG), "
                                      "petsc-gamg, petsc-hypre (assembled, algebraic multigrid)")
      ->check(CLI::IsMember({"mg", "jacobi", "petsc-mg", "petsc-gamg", "petsc-hypre"}))->capture_default_str();
  std::string petscOptions;
  app.add_option("--petsc-options", petscOptions, "PETSc options for the petsc-* solvers, e.g. \"-ksp_monitor -pc_gamg_threshold 0.02\"");
  app.add_flag("--dry-run", o.dryRun, "Print sizes, memory and percolation, solve nothing");

  return tool.run(argc, argv, [&] {
    if (transport::launchedProcesses() > 1 && solver == "mg") solver = "petsc-mg";  // the same method, distributed
    const bool petsc = solver.rfind("petsc-", 0) == 0;
    if (transport::launchedProcesses() > 1 && !petsc)
      throw core::InputError("--solver " + solver + ": runs on one process; under mpirun use mg or a petsc-* solver");
    std::optional<transport::PetscSession> session;
    if (petsc) {
      session.emplace(petscOptions);
      o.solve.petscMethod = solver.substr(6);
      o.processes = session->size();
      if (session->rank() > 0) {  // one process speaks and writes
        core::setLogLevel("off");
        std::cerr.rdbuf(nullptr);
      }
      if (o.processes > 1 && input == "-")  // mpirun feeds stdin to the first process only
        throw core::InputError("stdin: under mpirun every process reads the structure; give a file");
    }
    const bool speaker = !session || session->rank() == 0;
    if (speaker && !output.empty()) io::checkOutputTarget(output, io::formatForOutput(output));
    io::ReadOptions read;
    read.skipGrainAndFields = output.empty();  // not written back: only phases and material ids are needed
    io::InputFile in = io::readVoxelFile(input, read);
    const std::string source = input == "-" ? "stdin" : input;
    o.axis = axis == "z" ? 0 : axis == "y" ? 1 : 2;
    o.wantFields = !output.empty();
    o.periodicSides = core::isPeriodic(sides);
    o.solve.multigrid = solver != "jacobi";
    if (phase != "cam") o.phases.push_back(core::kSE);
    if (phase != "se") o.phases.push_back(core::kCAM);
    if (gbI0) o.gbResistance_ohm_cm2 = transport::gbResistanceFromI0_ohm_cm2(*gbI0);
    if (gbR) o.gbResistance_ohm_cm2 = *gbR;
    transport::requirePhases(in.volume, o.phases, source);
    if (o.gbResistance_ohm_cm2 > 0 && !in.volume.materialId)
      throw core::InputError(source + ": --gb-i0/--gb-resistance need /material_id (run segment first)");
    transport::EffcondRun run = transport::runEffcond(in.volume, o);
    if (!run.converged) throw core::RuntimeFailure(run.failure);
    if (session) run.report["processes"] = session->size();
    if (!speaker) return;
    if (!tool.jsonToStdout()) transport::printEffcond(std::cout, run.report);
    if (!o.dryRun && !output.empty()) {
      for (auto& [name, field] : run.fields) in.volume.fields.insert_or_assign(name, std::move(field));
      for (const char* p : {"se", "cam"})
        if (run.report.contains(p)) {
          const auto& r = run.report[p];
          in.volume.metrics[std::string("effcond.sigma_eff_") + p + "_S_per_cm"] = r["sigma_eff_S_per_cm"].get<double>();
          in.volume.metrics[std::string("effcond.tortuosity_") + p] =
              r["tortuosity"].is_null() ? INFINITY : r["tortuosity"].get<double>();
        }
      in.volume.provenance.push_back(tool.provenance({&in}));
      io::writeVoxelFile(in.volume, output);
    }
    tool.writeJson(run.report, {&in}, output);
  });
}
