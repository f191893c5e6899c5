#pragma once
// discharge's checkpoints (`--checkpoint-every MIN`, `--restart FILE`):
// the state of a run between two time steps, enough to continue it.
//
// What is saved: the time, the step the adaptive control chose next, every
// field of every cell (doubles, all their bits), the collector potential,
// the curve so far, the Li at the start (for the Li balance) and the work
// counters. What is not: the backward-Euler history PETSc keeps inside its
// time stepper (its step-size controller's last error estimate, the
// predictor's previous solution). A restarted run takes its first step at
// the saved step length without them, so its steps differ from the
// uninterrupted run's from there on, within the step tolerance
// (docs/tools/discharge.md gives the measured difference).
//
// A checkpoint names what defined its run (the input's SHA-256 and the
// options that change the model): a restart with anything else is refused.
// The file is written atomically by the first process from the gathered
// fields; every process reads its own box back, with any number of
// processes.
#include <string>
#include <vector>

#include "echem/Cell.hpp"
#include "echem/Discharge.hpp"
#include "numerics/BlockOperator.hpp"

namespace ssb::echem {

struct DischargeCheckpoint {
  std::string fingerprint;  // JSON: what defined the run
  double time_s = 0, nextStep_s = 0, collector_V = 0, initialVoltage_V = 0, lithiumAtStart_mol = 0;
  int steps = 0, rejectedSteps = 0, newtonIterations = 0, linearIterations = 0;
  std::vector<double> curveTime_s, curveVoltage_V;  // t = 0 first
  numerics::BlockVector state;                      // this process's box
};

// What defines a run, as compared on restart: the input's SHA-256, the
// cell's build and the model's parameters (not the cut-off, the step
// control or the solver's options, which a continued run may change).
std::string dischargeFingerprint(const DischargeParameters& parameters, const std::string& inputSha256, int coarsen,
                                 double separator_um, const SeparatorGrading& grading);

// "cell.h5" -> "cell.checkpoint.h5" ("-": discharge.checkpoint.h5).
std::string defaultCheckpointPath(const std::string& output);

// Collective: every process calls it; the first writes `path`.
void writeCheckpoint(const std::string& path, const DischargeModel& model, const DischargeCheckpoint& checkpoint);
// Throws core::InputError (exit 2) for a missing or damaged file, another
// cell, or a fingerprint other than `fingerprint` (naming what differs).
DischargeCheckpoint readCheckpoint(const std::string& path, const DischargeModel& model, const std::string& fingerprint);

}  // namespace ssb::echem
