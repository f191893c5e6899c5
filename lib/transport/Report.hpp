#pragma once
// What effcond runs and reports, per phase (MODEL.md §5).
#include <cstdint>
#include <iosfwd>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/VoxelVolume.hpp"
#include "transport/Effective.hpp"

namespace ssb::transport {

inline constexpr double kFaraday = 96485.33212;     // C/mol
inline constexpr double kGasConstant = 8.314462618; // J/(mol K)
inline constexpr double kTemperature = 298.15;      // K

// Linearised Butler-Volmer GB resistance (the reference study's Eq. 1):
// R_GB = R T / (F i_GB0); i0 in A/cm^2 gives ohm cm^2.
inline double gbResistanceFromI0_ohm_cm2(double i0_A_per_cm2) {
  return kGasConstant * kTemperature / (kFaraday * i0_A_per_cm2);
}

struct EffcondOptions {
  std::vector<std::uint8_t> phases;
  int axis = 0;  // 0 z, 1 y, 2 x
  bool periodicSides = true;
  double sigmaSe_S_per_cm = 7.69e-4;  // LLZO (the reference study's Table 1)
  double sigmaCam_S_per_cm = 4.47;    // LCO
  double gbResistance_ohm_cm2 = 0.0;
  bool dryRun = false;
  bool wantFields = false;  // keep potential and |j| per voxel (for -o)
  SolveOptions solve;
  int processes = 1;  // under mpirun: for the memory estimate per process
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

EffcondRun runEffcond(const core::VoxelVolume& volume, const EffcondOptions& options);
void printEffcond(std::ostream& out, const nlohmann::json& report);

}  // namespace ssb::transport
