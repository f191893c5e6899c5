#pragma once
// Implicit systems on voxel boxes: block unknowns per cell (BlockOperator.hpp)
// plus one global scalar unknown s (a galvanostatic cell's collector
// potential, say) tied to the fields by one global equation G:
//
//   F(t, u, du/dt, s) = 0   (per cell and component)
//   G(t, u, s)        = 0   (one equation for all processes)
//
// Its Jacobian is a bordered block operator
//
//   [ A    c ] [du]
//   [ r^T  d ] [ds]
//
// with A a BlockOperator (so its multigrid applies), c = dF/ds and r = dG/du
// fields, d = dG/ds. The preconditioner eliminates s with the block
// multigrid standing in for A^-1 (block LU): w = M^-1 c once per Jacobian;
// then for a residual (f, g): u1 = M^-1 f, s = (g - r.u1) / (d - r.w),
// u = u1 - w s.
//
// A physics implements ImplicitSystem and integrates it through the
// TimeIntegrator interface; parallel/TimeStepper.hpp implements that with
// PETSc's TS and SNES.
#include <functional>
#include <string>
#include <vector>

#include "numerics/BlockOperator.hpp"
#include "numerics/Halo.hpp"
#include "numerics/Multigrid.hpp"

namespace ssb::numerics {

struct BorderedOperator {
  BlockOperator A;
  BlockVector column;  // dF/ds per cell (owned cells)
  BlockVector row;     // dG/du per cell (owned cells; G sums over processes)
  double corner = 0;   // dG/ds
};

// y = J x for a bordered operator: x's ghosts filled; `sum` adds a number
// over the processes.
void applyBordered(const BorderedOperator& J, const BlockVector& x, double s, BlockVector& y, double& ys,
                   const std::function<double(double)>& sum);

// The owned-cell dot product of two block vectors on this process.
double ownedDot(const Box& box, const BlockVector& a, const BlockVector& b);

class BorderedPreconditioner {
 public:
  // The block multigrid of J.A (boxes: this process's box on each level);
  // M^-1 c is computed here.
  BorderedPreconditioner(const BorderedOperator& J, const std::vector<Box>& boxes, const HaloFactory& halos,
                         const std::function<double(double)>& sum, const std::function<double(double)>& maximum,
                         const MultigridOptions& options = {});
  // (z, zs) = M^-1 (f, g); zs is NaN when the Schur complement d - r.w is
  // zero (the border decouples), which makes the Krylov solve fail and the
  // step be cut rather than divide by zero silently.
  void apply(const BlockVector& f, double g, BlockVector& z, double& zs);
  BlockMultigrid& blocks() { return mg_; }

 private:
  const BorderedOperator& J_;
  BlockMultigrid mg_;
  BlockVector w_;       // M^-1 c
  double schur_ = 0;    // d - r.w
  std::function<double(double)> sum_;
};

// A system F(t, u, du/dt, s) = 0, G(t, u, s) = 0 on voxel boxes.
class ImplicitSystem {
 public:
  virtual ~ImplicitSystem() = default;
  virtual std::size_t components() const = 0;
  // This process's box on every multigrid level ([0] the fine one).
  virtual const std::vector<Box>& boxes() const = 0;
  virtual const Halo& halo() const = 0;
  virtual const HaloFactory& halos() const = 0;
  // Whether a component has a time derivative (the others and s are algebraic).
  virtual bool differential(std::size_t component) const = 0;
  // Whether a component is an unknown in a cell (ghosted index of the fine
  // box). Where it is not, its row must be the identity (F = u) and its
  // value zero from the start; the integrator then leaves it out of its
  // vectors.
  virtual bool active(std::size_t /*component*/, std::size_t /*cell*/) const { return true; }
  // The largest coefficient of du/dt in F for a differential component.
  // At a short step dt the rounding of u alone leaves |F| ~ eps c |u|/dt
  // in its rows, which Newton's absolute tolerance must not ask below.
  virtual double rateCoefficient(std::size_t /*component*/) const { return 1.0; }
  // Bounds of a component that the iterates must keep to (a fraction of
  // a site that can be neither empty past 0 nor fuller than 1): Newton's
  // steps are shortened cell by cell so that each goes at most a fraction
  // of the way to a bound it heads for. False: unbounded.
  virtual bool bounds(std::size_t /*component*/, double& /*lower*/, double& /*upper*/) const { return false; }
  // F and G at (t, u, du/dt, s); u and du/dt with ghosts filled. G is the
  // same on every process.
  virtual void residual(double t, const BlockVector& u, const BlockVector& udot, double s, BlockVector& F,
                        double& G) = 0;
  // J = dF/du + shift dF/d(du/dt), with the border, at (t, u, s).
  virtual void jacobian(double t, const BlockVector& u, double s, double shift, BorderedOperator& J) = 0;
  // The sum and the largest of a number over the processes.
  virtual double sum(double local) const = 0;
  virtual double maximum(double local) const = 0;
};

struct IntegrationOptions {
  double initialStep_s = 1.0;
  double minStep_s = 1e-8, maxStep_s = 600.0;
  // Local error allowed per step in the differential components (their units).
  double stepTolerance = 2e-3;
  double newtonRelativeTolerance = 1e-9;
  double newtonAbsoluteTolerance = 0.0;  // on ||F||_2; 0: relative only
  double linearRelativeTolerance = 1e-6;  // with inexactNewton: the start's solves only
  // The linear tolerance of each Newton step chosen by Eisenstat and
  // Walker's rule (choice 2) during the time stepping.
  bool inexactNewton = true;
  int krylovRestart = 30;
  // Newton starts each step from the line through the last two solutions.
  bool predictor = true;     // FGMRES's restart (two vectors per iteration up to it)
  int stepIncreaseDelay = 4;  // accepted steps after a failed Newton solve before the step may grow
  int maxNewtonIterations = 25;
  int maxSteps = 1000000;
  double maxTime_s = 1e12;
  double eventTolerance = 1e-6;  // in the indicator's units (volts for a cut-off)
};

struct IntegrationResult {
  double time_s = 0;
  int steps = 0, rejectedSteps = 0, newtonIterations = 0, linearIterations = 0;
  bool eventReached = false;  // the indicator crossed zero (the run's normal end)
  bool stopped = false;       // the monitor asked to stop (an interruption)
  bool failed = false;        // the integration could not go on (Newton failures below the smallest step, ...)
  std::string reason;
};

// The work of every solveConsistent so far, failed solves included.
struct ConsistentSolveWork {
  int solves = 0, newtonIterations = 0, linearIterations = 0;
};

// Implicit time integration of an ImplicitSystem (backward Euler with
// adaptive steps and event detection).
class TimeIntegrator {
 public:
  virtual ~TimeIntegrator() = default;
  // Solves the algebraic components and s at time t with the differential
  // ones held (a consistent state to start from); false, with u and s
  // unchanged, if Newton does not converge.
  virtual bool solveConsistent(double t, BlockVector& u, double& s) = 0;
  // Integrates from t0 until indicator(t, u, s) falls through zero (or the
  // monitor, called after every accepted step, returns false, or the
  // integration fails).
  using Indicator = std::function<double(double, const BlockVector&, double)>;
  using Monitor = std::function<bool(double, const BlockVector&, double, double)>;  // (t, u, s, dt)
  virtual IntegrationResult run(double t0, BlockVector& u, double& s, const Indicator& indicator,
                                const Monitor& monitor) = 0;
  // The work of the run going on, so far (for its monitor); zeros outside a run.
  virtual void counters(int& steps, int& rejectedSteps, int& newtonIterations, int& linearIterations) const = 0;
  virtual ConsistentSolveWork consistentWork() const = 0;
};

}  // namespace ssb::numerics
