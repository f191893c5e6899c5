#include "echem/Run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

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
  if (!consistentStart(model, integrator, current, r.state, s)) {
    r.status = "Newton's method found no potentials at t = 0 (with the full current on)";
    return r;
  }
  r.initialVoltage_V = s;
  r.collectorPotential_V = s;
  record(0.0, s);
  if (current == 0.0) {
    r.complete = true;
    r.status = "open circuit: no current, the voltage at t = 0 only";
    return r;
  }
  if (s <= o.cutoff_V) {
    r.complete = true;
    r.status = "the voltage at t = 0 is already at or below the cut-off: capacity 0";
    return r;
  }
  const double lithium0 = model.lithium_mol(r.state);
  const double room_mol = model.lithiumAtFull_mol() - lithium0;
  const auto wall0 = std::chrono::steady_clock::now();
  double lastT = 0;
  auto indicator = [&](double, const numerics::BlockVector&, double v) { return v - o.cutoff_V; };
  auto monitor = [&](double t, const numerics::BlockVector&, double v, double dt) {
    if (t > lastT) {
      record(t, v);
      if (progress) {
        DischargeProgress p{t, v, capacity(t), dt};
        p.utilisation = current * model.geometricArea_m2() * t / materials::kFaraday / room_mol;
        std::size_t k = r.time_s.size() - 1;
        while (k > 0 && r.time_s[k] > 0.8 * t) --k;
        const double slope = (v - r.voltage_V[k]) / (t - r.time_s[k]);
        const double full_s = t / std::max(p.utilisation, 1e-12) - t;
        const double left_s = slope < 0 ? std::min((v - o.cutoff_V) / -slope, full_s) : full_s;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        p.remaining_s = left_s * wall / t;
        progress(p);
      }
      lastT = t;
    }
    return !(interrupt && interrupt->load());
  };
  const numerics::IntegrationResult ir = integrator.run(0.0, r.state, s, indicator, monitor);
  r.collectorPotential_V = s;
  r.endTime_s = ir.time_s;
  r.steps = ir.steps;
  r.rejectedSteps = ir.rejectedSteps;
  r.newtonIterations = ir.newtonIterations;
  r.linearIterations = ir.linearIterations;
  if (r.time_s.empty() || r.time_s.back() < ir.time_s) record(ir.time_s, s);
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
  if (ir.eventReached) {
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
