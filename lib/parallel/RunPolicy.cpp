#include "parallel/RunPolicy.hpp"

#include "core/Error.hpp"
#include "core/Launch.hpp"
#include "parallel/PetscSolver.hpp"
#include "parallel/Session.hpp"

namespace ssb::parallel {

const std::vector<std::string>& ParallelRun::solverNames() {
  static const std::vector<std::string> names{"mg", "jacobi", "petsc-mg", "petsc-gamg", "petsc-hypre"};
  return names;
}

std::string ParallelRun::solverHelp() {
  return "mg (multigrid-preconditioned CG; under mpirun it runs as petsc-mg), jacobi (Jacobi-CG), or through "
         "PETSc: petsc-mg (the same multigrid, with PETSc's KSP, on one or more processes), petsc-gamg, "
         "petsc-hypre (the operator assembled, algebraic multigrid)";
}

ParallelRun::ParallelRun() = default;
ParallelRun::~ParallelRun() = default;  // the solver goes before the session (PETSc objects before PetscFinalize)

void ParallelRun::start(cli::Tool& tool, const Options& o) {
  const int launched = core::launchedProcesses();
  std::string solver = o.solver;
  if (launched > 1 && solver == "mg") solver = "petsc-mg";  // the same method, distributed
  const bool petsc = solver.rfind("petsc-", 0) == 0;
  if (launched > 1 && !petsc)
    throw core::InputError("--solver " + solver + ": runs on one process; under mpirun use mg or a petsc-* solver");
  if (!petsc) {
    solver_ = std::make_unique<numerics::SharedMemorySolver>(solver != "jacobi", o.multigrid);
    return;
  }
  session_ = std::make_unique<Session>(o.petscOptions);
  Session* session = session_.get();
  tool.setErrorReporter([session](int code, const std::string& line) { return session->reportFailure(code, line); });
  if (session->size() > 1 && o.input == "-")  // the launcher feeds stdin to the first process only
    throw core::InputError("stdin: under mpirun every process reads the structure; give a file");
  solver_ = std::make_unique<PetscSolver>(solver.substr(6), o.multigrid);
}

numerics::Solver& ParallelRun::solver() {
  if (!solver_) throw std::logic_error("ParallelRun: start() first");
  return *solver_;
}

int ParallelRun::rank() const { return solver_ ? solver_->rank() : core::launchRank(); }
int ParallelRun::processes() const { return solver_ ? solver_->processes() : core::launchedProcesses(); }

}  // namespace ssb::parallel
