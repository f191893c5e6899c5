#include "parallel/TimeStepper.hpp"

#include <petscts.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/Error.hpp"
#include "parallel/Petsc.hpp"

namespace ssb::parallel {

using namespace numerics;
using petsc::check;

namespace {
using TsHandle = petsc::Handle<TS, TSDestroy>;
using SnesHandle = petsc::Handle<SNES, SNESDestroy>;
MPI_Comm world() { return PETSC_COMM_WORLD; }
constexpr double kStagnation = 0.05;
}  // namespace

struct TimeStepper::State {
  ImplicitSystem& system;
  IntegrationOptions options;
  int rank = 0;
  Box box;
  std::size_t components = 0;
  PetscInt local = 0, global = 0;
  BlockVector u, udot, f, x, y;  // the state, its rate, a residual, and work vectors of the shells
  BorderedOperator jacobian;
  std::unique_ptr<BorderedPreconditioner> preconditioner;
  petsc::MatHandle shell;
  Indicator indicator;
  Monitor monitor;
  std::string error;  // an exception in a callback, raised again once PETSc has returned
  // The consistent start: the differential components held at these values.
  Vec held = nullptr;
  double heldTime = 0;
  ConsistentSolveWork consistentWork;
  TS ts = nullptr;        // the time stepper while run() goes on
  // The predictor: the solutions of the last two accepted steps.
  petsc::VecHandle lastU, prevU;
  double lastT = 0, prevT = 0;
  int accepted = 0;
  std::vector<double> norms;  // ||F|| at each of this Newton solve's iterations

  // The rows PETSc sees: per component only the cells where it is an
  // unknown (ImplicitSystem::active), in slab order; the identity rows of
  // the others stay in the fields (at zero) and out of the Krylov and
  // Newton vectors, which shrink by the share of cells outside each
  // component's phase (in a cell with separator, more than half).
  std::vector<std::vector<std::uint32_t>> rows;       // per component: the owned cells' ghosted indices
  std::vector<std::vector<std::size_t>> slabStart;    // per component: where each slab's rows begin
  std::vector<std::size_t> offset;                    // per component: its first row in the Vec; [components]: s

  State(ImplicitSystem& s, const IntegrationOptions& o) : system(s), options(o) {
    MPI_Comm_rank(world(), &rank);
    box = s.boxes().front();
    components = s.components();
    rows.resize(components);
    slabStart.resize(components);
    offset.assign(components + 1, 0);
    for (std::size_t c = 0; c < components; ++c) {
      slabStart[c].push_back(0);
      for (std::size_t z = 0; z < box.mz(); ++z) {
        for (std::size_t yy = 0; yy < box.my(); ++yy)
          for (std::size_t i = box.row(z, yy); i < box.row(z, yy) + box.mx(); ++i)
            if (s.active(c, i)) rows[c].push_back(std::uint32_t(i));
        slabStart[c].push_back(rows[c].size());
      }
      offset[c + 1] = offset[c] + rows[c].size();
    }
    local = PetscInt(offset[components]) + (rank == 0 ? 1 : 0);
    global = PetscInt(std::llround(s.sum(double(local))));
    for (BlockVector* v : {&u, &udot, &f, &x, &y}) *v = makeBlockVector(box, components);
  }
  double sum(double v) const { return system.sum(v); }
  std::size_t count(std::size_t c) const { return rows[c].size(); }

  // Owned values of a Vec into block fields (ghosts filled when asked), and
  // the scalar, which the first process holds, to every process. Entries
  // of the fields outside the rows are left as they are (zero).
  void toFields(Vec v, BlockVector& fields, double& s, bool ghosts) {
    petsc::ConstVecArray a(v);
    for (std::size_t c = 0; c < components; ++c)
      forSlabs(box.mz(), [&](std::size_t z) {
        const PetscScalar* src = a.data() + offset[c];
        double* dst = fields[c].data();
        for (std::size_t k = slabStart[c][z]; k < slabStart[c][z + 1]; ++k) dst[rows[c][k]] = src[k];
      });
    s = rank == 0 ? a.data()[offset[components]] : 0.0;
    MPI_Bcast(&s, 1, MPI_DOUBLE, 0, world());
    if (ghosts)
      for (auto& field : fields) system.halo().exchange(field.data());
  }
  void fromFields(const BlockVector& fields, double s, Vec v) {
    petsc::VecArray a(v);
    for (std::size_t c = 0; c < components; ++c)
      forSlabs(box.mz(), [&](std::size_t z) {
        PetscScalar* dst = a.data() + offset[c];
        const double* src = fields[c].data();
        for (std::size_t k = slabStart[c][z]; k < slabStart[c][z + 1]; ++k) dst[k] = src[rows[c][k]];
      });
    if (rank == 0) a.data()[offset[components]] = s;
  }

  template <typename F>
  PetscErrorCode guarded(F&& work) {
    return petsc::guarded(error, std::forward<F>(work));
  }
};

namespace {

using StateT = TimeStepper::State;

PetscErrorCode ifunction(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    double s = 0, sdot = 0, g = 0;
    st->toFields(U, st->u, s, true);
    st->toFields(Udot, st->udot, sdot, true);
    st->system.residual(t, st->u, st->udot, s, st->f, g);
    st->fromFields(st->f, g, F);
    PetscReal norm = 0;
    check(VecNorm(F, NORM_2, &norm), "VecNorm");
    if (!std::isfinite(norm) && ts) {  // outside the model's domain: a failed step, not an error
      SNES snes;
      check(TSGetSNES(ts, &snes), "TSGetSNES");
      check(SNESSetFunctionDomainError(snes), "SNESSetFunctionDomainError");
    }
  });
}

void buildJacobian(StateT* st, PetscReal t, Vec U, PetscReal shift) {
  double s = 0;
  st->toFields(U, st->u, s, true);
  st->preconditioner.reset();
  st->system.jacobian(t, st->u, s, shift, st->jacobian);
  st->preconditioner = std::make_unique<BorderedPreconditioner>(
      st->jacobian, st->system.boxes(), st->system.halos(), [st](double v) { return st->sum(v); },
      [st](double v) { return st->system.maximum(v); });
}

PetscErrorCode ijacobian(TS, PetscReal t, Vec U, Vec, PetscReal shift, Mat, Mat, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] { buildJacobian(st, t, U, shift); });
}

PetscErrorCode shellMult(Mat J, Vec X, Vec Y) {
  StateT* st = nullptr;
  PetscCall(MatShellGetContext(J, &st));
  return st->guarded([&] {
    double xs = 0, ys = 0;
    st->toFields(X, st->x, xs, true);
    applyBordered(st->jacobian, st->x, xs, st->y, ys, [st](double v) { return st->sum(v); });
    st->fromFields(st->y, ys, Y);
  });
}

PetscErrorCode shellPrecondition(PC pc, Vec R, Vec Z) {
  StateT* st = nullptr;
  PetscCall(PCShellGetContext(pc, &st));
  return st->guarded([&] {
    double rs = 0, zs = 0;
    st->toFields(R, st->x, rs, false);
    st->preconditioner->apply(st->x, rs, st->y, zs);
    st->fromFields(st->y, zs, Z);
  });
}

// The consistent start: the differential components held where they are
// (their rows replaced by u - held, identity in the Jacobian), the
// algebraic ones solved with no time derivative.
PetscErrorCode heldFunction(SNES, Vec U, Vec F, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    double s = 0, g = 0, heldS = 0;
    st->toFields(U, st->u, s, true);
    for (auto& field : st->udot) std::fill(field.begin(), field.end(), 0.0);
    st->system.residual(st->heldTime, st->u, st->udot, s, st->f, g);
    st->toFields(st->held, st->x, heldS, false);
    const Box& b = st->box;
    for (std::size_t c = 0; c < st->components; ++c) {
      if (!st->system.differential(c)) continue;
      for (std::size_t z = 0; z < b.mz(); ++z)
        for (std::size_t y = 0; y < b.my(); ++y)
          for (std::size_t i = b.row(z, y); i < b.row(z, y) + b.mx(); ++i) st->f[c][i] = st->u[c][i] - st->x[c][i];
    }
    st->fromFields(st->f, g, F);
  });
}

PetscErrorCode heldJacobian(SNES, Vec U, Mat, Mat, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    double s = 0;
    st->toFields(U, st->u, s, true);
    st->preconditioner.reset();
    st->system.jacobian(st->heldTime, st->u, s, 0.0, st->jacobian);
    // The held rows: identity, nothing coupled into them, nothing of s.
    BorderedOperator& J = st->jacobian;
    for (std::size_t c = 0; c < st->components; ++c) {
      if (!st->system.differential(c)) continue;
      VoxelOperator& op = J.A.component(c);
      VoxelOperator identity(op.box(), op.conditions(), true);
      identity.setFacesByIndex([](int, std::size_t, std::size_t) { return 0.0; });
      identity.setCellTerm([](std::size_t, std::size_t, std::size_t) { return 1.0f; });
      identity.finish();
      op = std::move(identity);
      std::fill(J.column[c].begin(), J.column[c].end(), 0.0);
    }
    auto& list = J.A.couplings();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const numerics::Coupling& k) { return st->system.differential(k.rowComponent); }),
               list.end());
    st->preconditioner = std::make_unique<BorderedPreconditioner>(
        st->jacobian, st->system.boxes(), st->system.halos(), [st](double v) { return st->sum(v); },
      [st](double v) { return st->system.maximum(v); });
  });
}

// After every accepted step (TSStep resets the converged reason, so a
// request to stop is made here, not in a TSMonitor).
PetscErrorCode postStep(TS ts) {
  StateT* st = nullptr;
  PetscCall(TSGetApplicationContext(ts, &st));
  return st->guarded([&] {
    Vec U;
    PetscReal t = 0, dt = 0;
    check(TSGetSolution(ts, &U), "TSGetSolution");
    check(TSGetTime(ts, &t), "TSGetTime");
    check(TSGetTimeStep(ts, &dt), "TSGetTimeStep");
    if (st->options.predictor) {
      if (!st->lastU) {
        check(VecDuplicate(U, st->lastU.out()), "VecDuplicate");
        check(VecDuplicate(U, st->prevU.out()), "VecDuplicate");
      }
      std::swap(st->lastU, st->prevU);
      check(VecCopy(U, st->lastU), "VecCopy");
      st->prevT = st->lastT;
      st->lastT = t;
      ++st->accepted;
    }
    if (!st->monitor) return;
    double s = 0;
    st->toFields(U, st->u, s, true);
    if (!st->monitor(t, st->u, s, dt)) check(TSSetConvergedReason(ts, TS_CONVERGED_USER), "TSSetConvergedReason");
  });
}

// Newton's first guess for a step from t_n to t_n + dt: the line through
// the last two accepted solutions (a second-order predictor; backward
// Euler's own guess, the last solution, is off by O(dt)), its step at most
// twice the last one's, bounded components kept halfway from the last
// value to their bounds. Only the start of Newton changes, not its root.
PetscErrorCode predict(SNES, Vec X, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    if (!st->ts || st->accepted < 2) return;
    PetscReal t = 0, dt = 0;
    check(TSGetTime(st->ts, &t), "TSGetTime");
    check(TSGetTimeStep(st->ts, &dt), "TSGetTimeStep");
    const double span = st->lastT - st->prevT;
    if (t != st->lastT || !(span > 0)) return;
    const double ratio = std::min(dt / span, 2.0);
    check(VecWAXPY(X, -1.0, st->prevU, st->lastU), "VecWAXPY");  // X = last - prev
    check(VecAYPX(X, ratio, st->lastU), "VecAYPX");              // X = last + ratio (last - prev)
    petsc::VecArray x(X);
    petsc::ConstVecArray last(st->lastU);
    for (std::size_t c = 0; c < st->components; ++c) {
      double lower = 0, upper = 0;
      if (!st->system.bounds(c, lower, upper)) continue;
      for (std::size_t k = st->offset[c]; k < st->offset[c + 1]; ++k) {
        const double v = last.data()[k];
        x.data()[k] = std::clamp(x.data()[k], lower + 0.5 * (v - lower), upper - 0.5 * (upper - v));
      }
    }
  });
}

// Newton's step (X_new = X - lambda Y) shortened per cell so that a bounded
// component goes at most 90 % of the way to the bound it heads for (a
// fraction-to-the-boundary rule, as in interior-point methods): iterates
// stay inside, where the residual is smooth.
PetscErrorCode keepWithinBounds(SNESLineSearch, Vec X, Vec Y, PetscBool* changed, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  *changed = PETSC_FALSE;
  return st->guarded([&] {
    constexpr double fraction = 0.9;
    bool any = false;
    for (std::size_t c = 0; c < st->components; ++c) {
      double lower = 0, upper = 0;
      if (!st->system.bounds(c, lower, upper)) continue;
      petsc::ConstVecArray x(X);
      petsc::VecArray y(Y);
      const PetscScalar* xc = x.data() + st->offset[c];
      PetscScalar* yc = y.data() + st->offset[c];
      const std::size_t n = st->count(c);
      for (std::size_t i = 0; i < n; ++i) {
        const double step = -yc[i];
        if (step > 0 && xc[i] < upper && xc[i] + step > upper - (1 - fraction) * (upper - xc[i])) {
          yc[i] = -fraction * (upper - xc[i]);
          any = true;
        } else if (step < 0 && xc[i] > lower && xc[i] + step < lower + (1 - fraction) * (xc[i] - lower)) {
          yc[i] = fraction * (xc[i] - lower);
          any = true;
        }
      }
    }
    *changed = any ? PETSC_TRUE : PETSC_FALSE;
  });
}

// Newton's convergence during a time step: ||F|| over the algebraic rows
// (and G) within the absolute tolerance, and over the differential rows
// within the larger of it and their rounding floor at this step,
// 16 eps c shift sqrt(n) (ImplicitSystem::rateCoefficient); or ||F||
// reduced by the relative tolerance. The floor's part of the Li (or other
// conserved) balance is dt times it, independent of dt.
PetscErrorCode convergedWithinFloor(SNES snes, PetscInt it, PetscReal, PetscReal, PetscReal fnorm,
                                    SNESConvergedReason* reason, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    *reason = SNES_CONVERGED_ITERATING;
    if (it == 0) st->norms.clear();
    st->norms.push_back(fnorm);
    if (!std::isfinite(fnorm)) {
      *reason = SNES_DIVERGED_FNORM_NAN;
      return;
    }
    PetscReal atol = 0, rtol = 0, stol = 0;
    PetscInt maxit = 0, maxf = 0;
    check(SNESGetTolerances(snes, &atol, &rtol, &stol, &maxit, &maxf), "SNESGetTolerances");
    if (it > 0 && fnorm <= rtol * st->norms.front()) {
      *reason = SNES_CONVERGED_FNORM_RELATIVE;
      return;
    }
    Vec F;
    check(SNESGetFunction(snes, &F, nullptr, nullptr), "SNESGetFunction");
    PetscReal dt = 0;
    check(TSGetTimeStep(st->ts, &dt), "TSGetTimeStep");
    double algebraic = 0, differential = 0, floor = 0;
    {
      petsc::ConstVecArray a(F);
      for (std::size_t c = 0; c < st->components; ++c) {
        double acc = 0;
        for (std::size_t i = st->offset[c]; i < st->offset[c + 1]; ++i) acc += a.data()[i] * a.data()[i];
        (st->system.differential(c) ? differential : algebraic) += acc;
        if (st->system.differential(c))
          floor = std::max(floor, 16 * std::numeric_limits<double>::epsilon() * st->system.rateCoefficient(c) / dt);
      }
      const std::size_t last = st->offset[st->components];
      if (st->rank == 0) algebraic += a.data()[last] * a.data()[last];
    }
    algebraic = std::sqrt(st->sum(algebraic));
    differential = std::sqrt(st->sum(differential));
    floor *= std::sqrt(double(st->box.global.size()));
    if (algebraic <= atol && differential <= std::max(atol, floor)) *reason = SNES_CONVERGED_FNORM_ABS;
    else if (it >= maxit) *reason = SNES_DIVERGED_MAX_IT;
    // Stagnation: three iterations that together took less than 5 % off
    // ||F||. Newton has then settled at a local minimum of ||F|| that is
    // no root (a voxel driven towards a bound the step cannot pass, at
    // this step size); further iterations only creep, so the step is
    // declared failed at once and retried shorter.
    else if (it >= 3 && fnorm > (1 - kStagnation) * st->norms[std::size_t(it) - 3]) *reason = SNES_DIVERGED_LOCAL_MIN;
  });
}

PetscErrorCode eventIndicator(TS, PetscReal t, Vec U, PetscScalar* value, void* ctx) {
  auto* st = static_cast<StateT*>(ctx);
  return st->guarded([&] {
    double s = 0;
    st->toFields(U, st->u, s, true);
    value[0] = st->indicator(t, st->u, s);
  });
}

// Sets up a SNES's Newton and its linear solver: FGMRES with the bordered
// shells, the line search with the bounds pre-check, inexact Newton.
void configureLinearSolver(StateT* st, SNES snes, SNESLineSearchType lineSearchType = SNESLINESEARCHBT) {
  KSP ksp;
  PC pc;
  check(SNESGetKSP(snes, &ksp), "SNESGetKSP");
  check(KSPSetType(ksp, KSPFGMRES), "KSPSetType");
  // FGMRES keeps two vectors per iteration up to the restart: at the
  // reference study's size (7.4 M unknowns) 30 of them hold 3.5 GiB.
  check(KSPGMRESSetRestart(ksp, st->options.krylovRestart), "KSPGMRESSetRestart");
  check(KSPSetTolerances(ksp, st->options.linearRelativeTolerance, 0.0, PETSC_DEFAULT, 400), "KSPSetTolerances");
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  check(PCSetType(pc, PCSHELL), "PCSetType shell");
  check(PCShellSetContext(pc, st), "PCShellSetContext");
  check(PCShellSetApply(pc, shellPrecondition), "PCShellSetApply");
  check(PCShellSetName(pc, "ssbvox bordered block multigrid (numerics/Implicit.hpp)"), "PCShellSetName");
  check(SNESSetType(snes, SNESNEWTONLS), "SNESSetType");
  SNESLineSearch lineSearch;
  check(SNESGetLineSearch(snes, &lineSearch), "SNESGetLineSearch");
  check(SNESLineSearchSetType(lineSearch, lineSearchType), "SNESLineSearchSetType");
  check(SNESLineSearchSetPreCheck(lineSearch, keepWithinBounds, st), "SNESLineSearchSetPreCheck");
  // No step test: a step cut short at a bound is no sign of convergence;
  // the residual alone decides (its absolute tolerance must lie above its
  // rounding floor).
  check(SNESSetTolerances(snes, st->options.newtonAbsoluteTolerance, st->options.newtonRelativeTolerance, 0.0,
                          st->options.maxNewtonIterations, PETSC_DEFAULT),
        "SNESSetTolerances");
  // Inexact Newton (Eisenstat and Walker 1996, choice 2): the linear
  // tolerance follows the residual's progress, loose while Newton is far
  // from the root and tight once it converges quadratically, so the
  // Krylov work is spent where it moves Newton. The root is the same:
  // Newton's own tolerance decides convergence.
  // The first linear tolerance 0.1 and at most 0.5 (PETSc's 0.3 and 0.9):
  // a Newton iteration (a Jacobian and its multigrid) costs several Krylov
  // iterations, so a little more Krylov work per step pays.
  if (st->options.inexactNewton) {
    check(SNESKSPSetUseEW(snes, PETSC_TRUE), "SNESKSPSetUseEW");
    check(SNESKSPSetParametersEW(snes, PETSC_DEFAULT, 0.1, 0.5, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT,
                                 PETSC_DEFAULT),
          "SNESKSPSetParametersEW");
  }
}

}  // namespace

TimeStepper::TimeStepper(ImplicitSystem& system, const IntegrationOptions& options)
    : state_(std::make_unique<State>(system, options)) {
  State* st = state_.get();
  check(MatCreateShell(world(), st->local, st->local, st->global, st->global, st, st->shell.out()), "MatCreateShell");
  check(MatShellSetOperation(st->shell, MATOP_MULT, (void (*)(void))shellMult), "MatShellSetOperation");
}

TimeStepper::~TimeStepper() = default;

namespace {
void raiseCallbackError(StateT* st) {
  if (!st->error.empty()) {
    const std::string e = st->error;
    st->error.clear();
    throw core::RuntimeFailure(e);
  }
}
}  // namespace

bool TimeStepper::solveConsistent(double t, BlockVector& u, double& s) {
  State* st = state_.get();
  petsc::VecHandle U, F, held;
  check(VecCreateMPI(world(), st->local, st->global, U.out()), "VecCreateMPI");
  check(VecDuplicate(U, F.out()), "VecDuplicate");
  check(VecDuplicate(U, held.out()), "VecDuplicate");
  st->fromFields(u, s, U);
  check(VecCopy(U, held), "VecCopy");
  st->held = held;
  st->heldTime = t;
  SnesHandle snes;
  check(SNESCreate(world(), snes.out()), "SNESCreate");
  check(SNESSetFunction(snes, F, heldFunction, st), "SNESSetFunction");
  check(SNESSetJacobian(snes, st->shell, st->shell, heldJacobian, st), "SNESSetJacobian");
  // From the open-circuit guess, the full Newton step overshoots the
  // exponential laws (Butler-Volmer, and the sinh of resistive grain
  // boundaries) by orders of magnitude: backtracking then takes steps of
  // 5 % for dozens of iterations. The l2 line search (a secant on ||F||^2
  // along the step) finds the step that lowers the residual most, and
  // Newton converges in a few more iterations instead. At SVF 33.3 %, rho_S 60 %, i_GB0 7e-3 A/cm^2 (the quick
  // workflow): 1 solve and 348 Krylov iterations in 6 s, against 5 solves
  // of the current ramp and 16 688 iterations in 274 s
  // (docs/benchmarks.md, "Workflow").
  configureLinearSolver(st, snes, SNESLINESEARCHL2);
  check(SNESSetOptionsPrefix(snes, "start_"), "SNESSetOptionsPrefix");
  check(SNESSetFromOptions(snes), "SNESSetFromOptions");
  const PetscErrorCode e = SNESSolve(snes, nullptr, U);
  raiseCallbackError(st);
  check(e, "SNESSolve");
  PetscInt newton = 0, linear = 0;
  check(SNESGetIterationNumber(snes, &newton), "SNESGetIterationNumber");
  check(SNESGetLinearSolveIterations(snes, &linear), "SNESGetLinearSolveIterations");
  ++st->consistentWork.solves;
  st->consistentWork.newtonIterations += int(newton);
  st->consistentWork.linearIterations += int(linear);
  SNESConvergedReason reason;
  check(SNESGetConvergedReason(snes, &reason), "SNESGetConvergedReason");
  st->held = nullptr;
  if (reason <= 0) return false;
  st->toFields(U, u, s, true);
  return true;
}

IntegrationResult TimeStepper::run(double t0, BlockVector& u, double& s, const Indicator& indicator,
                                   const Monitor& monitorFn) {
  State* st = state_.get();
  const IntegrationOptions& o = st->options;
  st->indicator = indicator;
  st->monitor = monitorFn;
  st->accepted = 0;
  petsc::VecHandle U, F, vatol;
  check(VecCreateMPI(world(), st->local, st->global, U.out()), "VecCreateMPI");
  check(VecDuplicate(U, F.out()), "VecDuplicate");
  check(VecDuplicate(U, vatol.out()), "VecDuplicate");
  st->fromFields(u, s, U);
  {
    // Error control on the differential components only.
    petsc::VecArray a(vatol);
    for (std::size_t c = 0; c < st->components; ++c)
      std::fill_n(a.data() + st->offset[c], st->count(c), st->system.differential(c) ? o.stepTolerance : 1e30);
    if (st->rank == 0) a.data()[st->offset[st->components]] = 1e30;
  }
  TsHandle ts;
  check(TSCreate(world(), ts.out()), "TSCreate");
  check(TSSetType(ts, TSBDF), "TSSetType");
  check(TSBDFSetOrder(ts, 1), "TSBDFSetOrder");  // backward Euler
  check(TSSetIFunction(ts, F, ifunction, st), "TSSetIFunction");
  check(TSSetIJacobian(ts, st->shell, st->shell, ijacobian, st), "TSSetIJacobian");
  check(TSSetTime(ts, t0), "TSSetTime");
  check(TSSetTimeStep(ts, o.initialStep_s), "TSSetTimeStep");
  check(TSSetMaxTime(ts, o.maxTime_s), "TSSetMaxTime");
  check(TSSetMaxSteps(ts, o.maxSteps), "TSSetMaxSteps");
  check(TSSetExactFinalTime(ts, TS_EXACTFINALTIME_STEPOVER), "TSSetExactFinalTime");
  check(TSSetTolerances(ts, 0.0, vatol, 0.0, nullptr), "TSSetTolerances");
  check(TSSetMaxSNESFailures(ts, -1), "TSSetMaxSNESFailures");  // a failed Newton solve: a smaller step
  // A step that fails below the smallest step size ends the run with a
  // reason (the curve so far is kept), not with an error.
  check(TSSetErrorIfStepFails(ts, PETSC_FALSE), "TSSetErrorIfStepFails");
  TSAdapt adapt;
  check(TSGetAdapt(ts, &adapt), "TSGetAdapt");
  check(TSAdaptSetType(adapt, TSADAPTBASIC), "TSAdaptSetType");
  check(TSAdaptSetStepLimits(adapt, o.minStep_s, o.maxStep_s), "TSAdaptSetStepLimits");
  // After a failed Newton solve the step is held for a few steps before it
  // may grow again: the step size that failed is usually still too long a
  // few steps later, and each retry costs a whole failed solve.
  check(TSAdaptSetTimeStepIncreaseDelay(adapt, o.stepIncreaseDelay), "TSAdaptSetTimeStepIncreaseDelay");
  SNES snes;
  check(TSGetSNES(ts, &snes), "TSGetSNES");
  configureLinearSolver(st, snes);
  st->ts = ts;
  check(SNESSetConvergenceTest(snes, convergedWithinFloor, st, nullptr), "SNESSetConvergenceTest");
  if (o.predictor) check(SNESSetComputeInitialGuess(snes, predict, st), "SNESSetComputeInitialGuess");
  PetscInt direction[1] = {-1};
  PetscBool terminate[1] = {PETSC_TRUE};
  check(TSSetEventHandler(ts, 1, direction, terminate, eventIndicator, nullptr, st), "TSSetEventHandler");
  PetscReal eventTolerance[1] = {o.eventTolerance};
  check(TSSetEventTolerances(ts, 0.0, eventTolerance), "TSSetEventTolerances");
  check(TSSetApplicationContext(ts, st), "TSSetApplicationContext");
  check(TSSetPostStep(ts, postStep), "TSSetPostStep");
  check(TSSetFromOptions(ts), "TSSetFromOptions");  // the user's -ts_*, -snes_*, -ksp_* win
  const PetscErrorCode e = TSSolve(ts, U);
  st->ts = nullptr;
  raiseCallbackError(st);
  check(e, "TSSolve");
  IntegrationResult r;
  PetscReal t = 0;
  PetscInt steps = 0, rejected = 0, newton = 0, linear = 0;
  TSConvergedReason reason;
  check(TSGetTime(ts, &t), "TSGetTime");
  check(TSGetStepNumber(ts, &steps), "TSGetStepNumber");
  check(TSGetStepRejections(ts, &rejected), "TSGetStepRejections");
  check(TSGetSNESIterations(ts, &newton), "TSGetSNESIterations");
  check(TSGetKSPIterations(ts, &linear), "TSGetKSPIterations");
  check(TSGetConvergedReason(ts, &reason), "TSGetConvergedReason");
  r.time_s = t;
  r.steps = int(steps);
  r.rejectedSteps = int(rejected);
  r.newtonIterations = int(newton);
  r.linearIterations = int(linear);
  r.eventReached = reason == TS_CONVERGED_EVENT;
  r.stopped = reason == TS_CONVERGED_USER;
  r.failed = reason < 0;
  r.reason = TSConvergedReasons[reason];
  st->toFields(U, u, s, true);
  return r;
}

void TimeStepper::counters(int& steps, int& rejectedSteps, int& newtonIterations, int& linearIterations) const {
  steps = rejectedSteps = newtonIterations = linearIterations = 0;
  TS ts = state_->ts;
  if (!ts) return;
  PetscInt n = 0, rejected = 0, newton = 0, linear = 0;
  check(TSGetStepNumber(ts, &n), "TSGetStepNumber");
  check(TSGetStepRejections(ts, &rejected), "TSGetStepRejections");
  check(TSGetSNESIterations(ts, &newton), "TSGetSNESIterations");
  check(TSGetKSPIterations(ts, &linear), "TSGetKSPIterations");
  steps = int(n);
  rejectedSteps = int(rejected);
  newtonIterations = int(newton);
  linearIterations = int(linear);
}

ConsistentSolveWork TimeStepper::consistentWork() const { return state_->consistentWork; }

}  // namespace ssb::parallel
