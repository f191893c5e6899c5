#pragma once
// Implicit time integration of a numerics::ImplicitSystem with PETSc, on
// one process or several (needs a live Session):
//  - TS: backward Euler (BDF of order 1) with adaptive steps (TSAdapt on
//    the local error of the differential components; the algebraic ones,
//    potentials say, are not controlled) and event detection: the run
//    ends where an indicator crosses zero, the step landing on the
//    crossing;
//  - SNES: Newton's method with a line search; a failed Newton solve
//    rejects the step and halves it;
//  - KSP: flexible GMRES with the system's bordered Jacobian as a
//    MatShell and, as a PCShell, the bordered block multigrid of
//    numerics/Implicit.hpp (ssbvox's multigrid on each component).
// The user's PETSc options (-ts_*, -snes_*, -ksp_*) win over these.
#include <functional>
#include <memory>
#include <string>

#include "numerics/Implicit.hpp"

namespace ssb::parallel {

class TimeStepper : public numerics::TimeIntegrator {
 public:
  TimeStepper(numerics::ImplicitSystem& system, const numerics::IntegrationOptions& options);
  ~TimeStepper() override;
  TimeStepper(const TimeStepper&) = delete;
  TimeStepper& operator=(const TimeStepper&) = delete;

  bool solveConsistent(double t, numerics::BlockVector& u, double& s) override;
  numerics::IntegrationResult run(double t0, numerics::BlockVector& u, double& s, const Indicator& indicator,
                                  const Monitor& monitor) override;
  void counters(int& steps, int& rejectedSteps, int& newtonIterations, int& linearIterations) const override;
  numerics::ConsistentSolveWork consistentWork() const override;

  struct State;  // PETSc's objects and the callbacks' context (TimeStepper.cpp)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ssb::parallel
