#pragma once
// A galvanostatic discharge from the initial state to the cut-off voltage
// (docs/model.md, "discharge"): the potentials solved at t = 0 with the
// full current on (no ramp), then backward Euler with adaptive steps until
// the cell voltage falls through the cut-off (the step lands on the
// crossing). What a run records: the curve, the capacity, the Li balance,
// the work done.
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "echem/Discharge.hpp"
#include "numerics/Implicit.hpp"

namespace ssb::echem {

struct DischargeProgress {
  double time_s = 0, voltage_V = 0, capacity_mAh_per_cm2 = 0, step_s = 0;
  double utilisation = 0;  // the Li taken up as a fraction of the CAM's room for it, 1 - x0
  // Wall time to the cut-off, estimated: the simulated time left from the
  // voltage's slope over the last fifth of the run, at most the time that
  // fills the CAM, at the wall time per simulated second so far.
  double remaining_s = std::numeric_limits<double>::quiet_NaN();
};

struct DischargeResult {
  std::vector<double> time_s, voltage_V, current_A_per_m2, capacity_mAh_per_cm2;  // the curve, t = 0 first
  double initialVoltage_V = std::numeric_limits<double>::quiet_NaN();
  double capacityAtEnd_mAh_per_cm2 = 0;  // I t at the curve's end (the cut-off crossing when complete)
  double endTime_s = 0;                  // where the time stepping ended (the state's time)
  // complete: the run ended as the model says it ends (at the cut-off, or
  // at once with no capacity); otherwise it stopped short (interrupted,
  // Newton failures) and the curve is partial.
  bool complete = false;
  std::string status;
  int steps = 0, rejectedSteps = 0, newtonIterations = 0, linearIterations = 0;
  // The consistent start (the potentials at t = 0, its current ramp
  // included): counted apart from the steps above; zeros on a restart.
  numerics::ConsistentSolveWork start;
  double startWall_s = 0;
  double lithiumBalanceError = 0;  // |dN_Li - int I dt / F| / (int I dt / F)
  double maxLithiation = 0;
  numerics::BlockVector state;  // the final fields (u) and collector potential (s)
  double collectorPotential_V = 0;
};

struct DischargeCheckpoint;

struct DischargeRunOptions {
  double cutoff_V = 3.4;
  // The end of a discharge whose voltage falls ever faster (saturating CAM
  // surfaces: volts per millisecond, the steps shrink to match): once the
  // time to the cut-off at the present, steepest slope is below this
  // fraction of the time so far, the crossing lies between now and that
  // time (the fall accelerates), and the run ends at the midpoint: the
  // capacity within half this fraction. 0: step onto the crossing.
  double endExtrapolation = 1e-4;
  // Checkpoints (echem/Checkpoint.hpp): written to `checkpointPath` after
  // the first accepted step that ends `checkpointEvery_s` of wall time or
  // more after the last one, and when the run is interrupted; 0: never.
  std::string checkpointPath;
  double checkpointEvery_s = 0;
  std::string fingerprint;  // what defined the run, saved with each checkpoint
  // Continue from this checkpoint rather than from the initial state (the
  // integrator's first step should be its nextStep_s).
  const DischargeCheckpoint* restart = nullptr;
};

// What a run will hold, before it starts (`discharge --dry-run`).
struct DischargeSize {
  std::uint64_t cells = 0;     // of the simulated cell, over all processes
  std::uint64_t unknowns = 0;  // Newton's: phi_e per SE voxel, psi and v per CAM voxel, and s
  std::uint64_t largestProcessCells = 0, largestProcessUnknowns = 0;
  int processes = 1;
  // The largest process's peak resident memory, estimated from the fields,
  // operators and caches per cell, the structure read (per input voxel)
  // and the Krylov and Newton vectors per unknown (constants fitted to
  // measured peaks: docs/benchmarks.md, "discharge memory").
  double memoryPerProcess_GiB = 0;
};
DischargeSize estimateSize(const DischargeModel& model, const numerics::IntegrationOptions& options,
                           std::uint64_t inputVoxels);

// A progress callback that logs (info) at most every `every_s` seconds of wall time.
std::function<void(const DischargeProgress&)> progressLog(double every_s = 5.0);

DischargeResult runDischarge(DischargeModel& model, numerics::TimeIntegrator& integrator,
                             const DischargeRunOptions& options,
                             const std::function<void(const DischargeProgress&)>& progress = {},
                             const std::atomic<bool>* interrupt = nullptr);

}  // namespace ssb::echem
