#pragma once
// What effcond runs and reports, per phase (docs/model.md, "effcond").
#include <cstdint>
#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/Sides.hpp"
#include "core/VoxelVolume.hpp"
#include "numerics/Solver.hpp"
#include "transport/Effective.hpp"

namespace ssb::transport {

struct EffcondOptions {
  std::vector<std::uint8_t> phases;
  int axis = 0;  // 0 z, 1 y, 2 x
  core::Sides sides = core::Sides::Periodic;
  double sigmaSe_S_per_cm = 0.0;   // bulk conductivities (the tool takes them from the material files)
  double sigmaCam_S_per_cm = 0.0;
  double gbResistance_ohm_cm2 = 0.0;
  // Calibration (docs/validation.md, "grain boundaries against Fig. 4a"):
  // every GB face resists this many times R_GB. 1 is the model as stated.
  double gbResistanceFactor = 1.0;
  bool dryRun = false;
  bool wantFields = false;  // keep potential and |j| per voxel (for -o)
  numerics::KrylovOptions krylov;
};

struct EffcondRun {
  nlohmann::json report;
  std::map<std::string, core::Grid<float>> fields;  // potential and |j| per solved phase
  bool converged = true;
  std::string failure;  // what did not converge, with the residual reached
};

// Throws core::InputError (naming `source`) when a requested phase has no
// voxel at all: nothing to solve, most likely the wrong file or --phase.
void requirePhases(const core::VoxelVolume& volume, const std::vector<std::uint8_t>& phases, const std::string& source);

// Solves with `solver` (its name and processes also size the dry run's memory estimate).
EffcondRun runEffcond(const core::VoxelVolume& volume, const EffcondOptions& options, numerics::Solver& solver);
void printEffcond(std::ostream& out, const nlohmann::json& report);

}  // namespace ssb::transport
