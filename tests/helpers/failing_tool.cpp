// A tool that fails on chosen processes, for the tests of the run policy's
// error path under mpirun (tests/tools/parallel_errors.sh): the processes
// that do not fail wait in a collective call, as a tool's processes would
// wait for a partner that failed.
//
//   mpirun -n 2 failing_tool --fail-rank 1     # one fails: it reports and stops the run
//   mpirun -n 2 failing_tool --all             # all fail: the first one speaks for all
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "parallel/RunPolicy.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("failing_tool", "Fails on chosen processes (a test of the run policy).");
  int failRank = 0;
  bool all = false, runtime = false;
  tool.app().add_option("--fail-rank", failRank, "The process that fails");
  tool.app().add_flag("--all", all, "Every process fails");
  tool.app().add_flag("--runtime", runtime, "Fail as a runtime failure (exit 1) instead of bad input (exit 2)");
  parallel::ParallelRun run;
  return tool.run(argc, argv, [&] {
    parallel::ParallelRun::Options options;
    options.solver = "petsc-mg";
    options.input = "a-file";
    run.start(tool, options);
    if (all || run.rank() == failRank) {
      const std::string what = "process " + std::to_string(run.rank()) + " of " + std::to_string(run.processes()) + " fails";
      if (runtime) throw core::RuntimeFailure(what);
      throw core::InputError(what);
    }
    run.solver().sum(1.0);  // waits for every process
  });
}
