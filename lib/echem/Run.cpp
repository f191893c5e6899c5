#include "echem/Run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/Log.hpp"
#include "echem/Checkpoint.hpp"
#include "materials/Constants.hpp"

namespace ssb::echem {

namespace {

// The potentials at t = 0 with the full current on and x = x0 held. Newton
// from the open-circuit guess usually gets there at once; where it does
// not (grain boundaries whose sinh law the first steps overshoot), the
// current is raised from 0 in steps, each solve starting from the last,
// the step doubled after a success and quartered after a failure.
bool consistentStart(DischargeModel& model, numerics::TimeIntegrator& integrator, double current,
                     numerics::BlockVector& state, double& s) {
  if (integrator.solveConsistent(0.0, state, s)) return true;  // unchanged when it fails
  double reached = 0, step = 0.1;
  while (reached < 1 && step >= 1e-4) {
    const double next = std::min(1.0, reached + step);
    model.setAppliedCurrent(current * next);
    if (integrator.solveConsistent(0.0, state, s)) {
      reached = next;
      step *= 2;
    } else {
      step /= 4;
    }
  }
  model.setAppliedCurrent(current);
  return reached >= 1;
}

}  // namespace

DischargeSize estimateSize(const DischargeModel& model, const numerics::IntegrationOptions& options,
                           std::uint64_t inputVoxels) {
  const numerics::Box& box = model.boxes().front();
  double unknowns = 0;
  for (std::size_t z = 0; z < box.mz(); ++z)
    for (std::size_t y = 0; y < box.my(); ++y)
      for (std::size_t i = box.row(z, y); i < box.row(z, y) + box.mx(); ++i)
        for (std::size_t c = 0; c < model.components(); ++c) unknowns += model.active(c, i);
  DischargeSize size;
  size.cells = std::uint64_t(std::llround(model.sum(double(box.owned()))));
  size.unknowns = std::uint64_t(std::llround(model.sum(unknowns))) + 1;
  size.largestProcessCells = std::uint64_t(std::llround(model.maximum(double(box.owned()))));
  size.largestProcessUnknowns = std::uint64_t(std::llround(model.maximum(unknowns)));
  size.processes = int(std::llround(model.sum(1.0)));
  // Fitted to the peaks of four runs from 0.07 to 5.9 M cells (docs/benchmarks.md,
  // "discharge memory"), 15 % added (a whole run also holds the predictor's
  // two vectors, meets its saturating end and gathers and writes the
  // result: a complete run at the reference study's size peaked 10 % above
  // the fit, 11.44 GiB): the libraries; fields, operators,
  // multigrid, caches and couplings per ghosted cell; the structure as read
  // (phase, grains, ids, their coarsening) per input voxel; FGMRES's two
  // vectors per iteration up to its restart (allocated as the iterations
  // need them) and twelve more of TS, SNES and the line search per unknown.
  constexpr double kBase_B = 120e6, kPerCell_B = 1045, kPerInputVoxel_B = 9, kVectors = 12, kMargin = 1.15;
  const double vectors = 2.0 * options.krylovRestart + 2 + kVectors;
  const double bytes = kMargin * (kBase_B + kPerCell_B * double(box.size()) + kPerInputVoxel_B * double(inputVoxels) +
                                  8.0 * vectors * double(size.largestProcessUnknowns));
  size.memoryPerProcess_GiB = bytes / double(1ull << 30);
  return size;
}

std::function<void(const DischargeProgress&)> progressLog(double every_s) {
  return [last = std::chrono::steady_clock::now() - std::chrono::hours(1), every_s](const DischargeProgress& p) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - last).count() < every_s) return;
    last = now;
    core::log().info("t {:.0f} s: {:.4f} V, {:.4f} mAh/cm2 ({:.1f} % of the CAM's room for Li), step {:.3g} s, "
                     "about {:.0f} s left",
                     p.time_s, p.voltage_V, p.capacity_mAh_per_cm2, 100 * p.utilisation, p.step_s, p.remaining_s);
  };
}

DischargeResult runDischarge(DischargeModel& model, numerics::TimeIntegrator& integrator,
                             const DischargeRunOptions& o, const std::function<void(const DischargeProgress&)>& progress,
                             const std::atomic<bool>* interrupt) {
  DischargeResult r;
  const numerics::Box& box = model.boxes().front();
  r.state = numerics::makeBlockVector(box, model.components());
  double s = 0;
  model.initialState(r.state, s);
  const double current = model.appliedCurrent_A_per_m2();
  // Capacity per geometric area: I t in A s/m^2 -> mAh/cm^2.
  auto capacity = [&](double t) { return current * t / 3.6 / 1e4; };
  auto record = [&](double t, double v) {
    r.time_s.push_back(t);
    r.voltage_V.push_back(v);
    r.current_A_per_m2.push_back(current);
    r.capacity_mAh_per_cm2.push_back(capacity(t));
  };
  r.maxLithiation = model.initialLithiation();
  if (model.interfaceFaces() == 0) {
    r.complete = true;
    r.status = "no CAM voxel touches the solid electrolyte: no ionic path to the active material, capacity 0";
    return r;
  }
  const DischargeCheckpoint* restart = o.restart;
  if (restart) {
    r.state = restart->state;
    s = restart->collector_V;
    for (std::size_t k = 0; k < restart->curveTime_s.size(); ++k) record(restart->curveTime_s[k], restart->curveVoltage_V[k]);
    r.initialVoltage_V = restart->initialVoltage_V;
  } else {
    const auto start0 = std::chrono::steady_clock::now();
    const bool started = consistentStart(model, integrator, current, r.state, s);
    r.start = integrator.consistentWork();
    r.startWall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start0).count();
    if (!started) {
      r.status = "Newton's method found no potentials at t = 0 (with the full current on)";
      return r;
    }
    r.initialVoltage_V = s;
    core::log().info("potentials at t = 0: {:.4f} V ({} solves, {} Newton and {} linear iterations, {:.2f} s)", s,
                     r.start.solves, r.start.newtonIterations, r.start.linearIterations, r.startWall_s);
    record(0.0, s);
  }
  r.collectorPotential_V = s;
  if (current == 0.0) {
    r.complete = true;
    r.status = "open circuit: no current, the voltage at t = 0 only";
    return r;
  }
  if (restart && s <= o.cutoff_V) {  // saved as the run ended (not by ssbvox: it saves no final step)
    r.complete = true;
    r.status = "the cut-off voltage reached";
    r.endTime_s = restart->time_s;
    r.capacityAtEnd_mAh_per_cm2 = capacity(restart->time_s);
    r.steps = restart->steps;
    r.rejectedSteps = restart->rejectedSteps;
    r.newtonIterations = restart->newtonIterations;
    r.linearIterations = restart->linearIterations;
    r.maxLithiation = model.maxLithiation(r.state);
    return r;
  }
  if (!restart && s <= o.cutoff_V) {
    r.complete = true;
    r.status = "the voltage at t = 0 is already at or below the cut-off: capacity 0";
    return r;
  }
  const double lithium0 = restart ? restart->lithiumAtStart_mol : model.lithium_mol(r.state);
  const double room_mol = model.lithiumAtFull_mol() - lithium0;
  const double t0 = restart ? restart->time_s : 0.0;
  const auto wall0 = std::chrono::steady_clock::now();
  auto lastCheckpoint = wall0;
  double lastT = t0;
  auto indicator = [&](double, const numerics::BlockVector&, double v) { return v - o.cutoff_V; };
  // The work before a restart counts in the run's figures.
  const int steps0 = restart ? restart->steps : 0, rejected0 = restart ? restart->rejectedSteps : 0;
  const int newton0 = restart ? restart->newtonIterations : 0, linear0 = restart ? restart->linearIterations : 0;
  double extrapolated_s = -1;  // the end extrapolated over this time (DischargeRunOptions::endExtrapolation)
  auto monitor = [&](double t, const numerics::BlockVector& u, double v, double dt) {
    // Every process decides alike (a checkpoint gathers the fields).
    const bool stop = model.maximum(interrupt && interrupt->load() ? 1.0 : 0.0) > 0;
    // The step that lands on the cut-off ends the run: nothing to continue.
    if (o.checkpointEvery_s > 0 && t > lastT && v > o.cutoff_V + 1e-5) {
      const auto now = std::chrono::steady_clock::now();
      const double since = model.maximum(std::chrono::duration<double>(now - lastCheckpoint).count());
      if (stop || since >= o.checkpointEvery_s) {
        DischargeCheckpoint c;
        c.fingerprint = o.fingerprint;
        c.time_s = t;
        c.nextStep_s = dt;
        c.collector_V = v;
        c.initialVoltage_V = r.initialVoltage_V;
        c.lithiumAtStart_mol = lithium0;
        integrator.counters(c.steps, c.rejectedSteps, c.newtonIterations, c.linearIterations);
        c.steps += steps0;
        c.rejectedSteps += rejected0;
        c.newtonIterations += newton0;
        c.linearIterations += linear0;
        c.curveTime_s = r.time_s;
        c.curveVoltage_V = r.voltage_V;
        c.curveTime_s.push_back(t);
        c.curveVoltage_V.push_back(v);
        c.state = u;
        writeCheckpoint(o.checkpointPath, model, c);
        const auto written = std::chrono::steady_clock::now();
        core::log().info("checkpoint at t = {:.1f} s written to {} in {:.2f} s", t, o.checkpointPath,
                         std::chrono::duration<double>(written - now).count());
        lastCheckpoint = written;
      }
    }
    if (t > lastT) {
      record(t, v);
      const std::size_t n = r.time_s.size();
      if (!stop && o.endExtrapolation > 0 && n >= 3 && v > o.cutoff_V) {
        const double* T = r.time_s.data() + n - 3;
        const double* V = r.voltage_V.data() + n - 3;
        const double before = (V[1] - V[0]) / (T[1] - T[0]), now = (V[2] - V[1]) / (T[2] - T[1]);
        if (now < before && before < 0 && (v - o.cutoff_V) / -now < o.endExtrapolation * t) {
          extrapolated_s = (v - o.cutoff_V) / -now;
          lastT = t;
          return false;
        }
      }
      if (progress) {
        DischargeProgress p{t, v, capacity(t), dt};
        p.utilisation = current * model.geometricArea_m2() * t / materials::kFaraday / room_mol;
        std::size_t k = r.time_s.size() - 1;
        while (k > 0 && r.time_s[k] > 0.8 * t) --k;
        const double slope = (v - r.voltage_V[k]) / (t - r.time_s[k]);
        const double full_s = t / std::max(p.utilisation, 1e-12) - t;
        const double left_s = slope < 0 ? std::min((v - o.cutoff_V) / -slope, full_s) : full_s;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        p.remaining_s = left_s * wall / (t - t0);
        progress(p);
      }
      lastT = t;
    }
    return !stop;
  };
  const numerics::IntegrationResult ir = integrator.run(t0, r.state, s, indicator, monitor);
  r.collectorPotential_V = s;
  r.endTime_s = ir.time_s;
  r.steps = steps0 + ir.steps;
  r.rejectedSteps = rejected0 + ir.rejectedSteps;
  r.newtonIterations = newton0 + ir.newtonIterations;
  r.linearIterations = linear0 + ir.linearIterations;
  if (r.time_s.empty() || r.time_s.back() < ir.time_s) record(ir.time_s, s);
  if (extrapolated_s >= 0) record(ir.time_s + 0.5 * extrapolated_s, o.cutoff_V);
  // The crossing inside the last step, where the voltage falls steeply at
  // the end (saturated surfaces: volts per millisecond) and the step that
  // lands on it may end below the cut-off: linear between its two ends.
  const std::size_t k = r.voltage_V.size() - 1;
  if (ir.eventReached && k > 0 && r.voltage_V[k] < o.cutoff_V && r.voltage_V[k - 1] > o.cutoff_V) {
    const double t1 = r.time_s[k - 1], v1 = r.voltage_V[k - 1], t2 = r.time_s[k], v2 = r.voltage_V[k];
    r.time_s[k] = t1 + (t2 - t1) * (v1 - o.cutoff_V) / (v1 - v2);
    r.voltage_V[k] = o.cutoff_V;
    r.capacity_mAh_per_cm2[k] = capacity(r.time_s[k]);
  }
  r.capacityAtEnd_mAh_per_cm2 = r.capacity_mAh_per_cm2.back();
  const double charge_mol = current * model.geometricArea_m2() * ir.time_s / materials::kFaraday;
  const double gained = model.lithium_mol(r.state) - lithium0;
  r.lithiumBalanceError = charge_mol > 0 ? std::abs(gained - charge_mol) / charge_mol : 0.0;
  r.maxLithiation = model.maxLithiation(r.state);
  if (extrapolated_s >= 0) {
    r.complete = true;
    r.status = "the cut-off voltage reached (its last " + std::to_string(extrapolated_s) + " s extrapolated)";
  } else if (ir.eventReached) {
    r.complete = true;
    r.status = "the cut-off voltage reached";
  } else if (ir.stopped) {
    r.status = "interrupted: the curve ends where the run stopped";
  } else {
    r.status = "the time stepping stopped before the cut-off (" + ir.reason + ")";
  }
  return r;
}

}  // namespace ssb::echem
