#pragma once
// How a tool that solves runs: on one process, or as one of several under
// an MPI launcher. This is the one place that decides, for every such tool
// (effcond, discharge):
//  - serial or MPI: the processes the launcher started (core/Launch.hpp);
//  - the solver: `mg` (the shared-memory multigrid) runs as the same
//    method distributed, `petsc-mg`, under mpirun; solvers that run on one
//    process only are refused there (bad input);
//  - PETSc: started (with the user's --petsc-options, before it reads
//    them) for the petsc-* solvers, finalised when the run ends;
//  - threads: each process's share of its node's cores;
//  - output: only the first process prints and writes (cli/Tool.hpp
//    silences the others);
//  - stdin: refused under mpirun (the launcher hands it to the first
//    process only);
//  - errors: an error on any process reaches the user as one line on
//    stderr with exit code 2 (bad input) or 1 (failure): when every
//    process fails, the first failing one speaks for all; when only some
//    do, the failing one speaks and stops the run (MPI_Abort) rather than
//    leave the others waiting.
//
//   parallel::ParallelRun run;    // before tool.run, so it outlives the error report
//   return tool.run(argc, argv, [&] {
//     run.start(tool, {solver, petscOptions, input});
//     ... run.solver() ...; if (run.speaker()) write the output
//   });
#include <memory>
#include <string>

#include "cli/Tool.hpp"
#include "numerics/Multigrid.hpp"
#include "numerics/Solver.hpp"

namespace ssb::parallel {

class Session;

class ParallelRun {
 public:
  struct Options {
    std::string solver = "mg";  // mg, jacobi, petsc-mg, petsc-hypre, petsc-gamg
    std::string petscOptions;   // for the petsc-* solvers
    std::string input = "-";    // the structure read (refused as stdin under mpirun)
    numerics::MultigridOptions multigrid;
  };
  // The solvers a tool may offer, and a line for its help text.
  static const std::vector<std::string>& solverNames();
  static std::string solverHelp();

  ParallelRun();
  ~ParallelRun();
  ParallelRun(const ParallelRun&) = delete;
  ParallelRun& operator=(const ParallelRun&) = delete;

  // Decides and sets up the run; throws core::InputError for a combination
  // the run cannot take.
  void start(cli::Tool& tool, const Options& options);
  numerics::Solver& solver();
  int rank() const;
  int processes() const;
  bool speaker() const { return rank() == 0; }

 private:
  std::unique_ptr<Session> session_;
  std::unique_ptr<numerics::Solver> solver_;
};

}  // namespace ssb::parallel
