#pragma once
// Phase codes of the voxel file's /phase dataset (docs/formats.md).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/Grid.hpp"

namespace ssb::core {

enum class Phase : std::uint8_t {
  Pore = 0,
  SolidElectrolyte = 1,  // SE, e.g. LLZO
  ActiveMaterial = 2,    // CAM, e.g. LCO or NMC811
};

inline constexpr std::uint8_t kPore = 0;
inline constexpr std::uint8_t kSE = 1;
inline constexpr std::uint8_t kCAM = 2;
inline constexpr int kPhaseCount = 3;

inline constexpr std::array<std::string_view, kPhaseCount> kPhaseNames{"pore", "se", "cam"};

inline constexpr bool isValidPhase(std::uint8_t v) { return v < kPhaseCount; }

inline std::string_view phaseName(std::uint8_t v) {
  return isValidPhase(v) ? kPhaseNames[v] : std::string_view("invalid");
}

// Accepts "pore", "se", "cam" (any case) or the codes "0", "1", "2".
std::optional<std::uint8_t> parsePhase(std::string_view name);

// Volume fractions of the phases in a box (or any run of voxels).
struct Fractions {
  double pore = 0, se = 0, cam = 0;
  // SVF_CAM = V_CAM / (V_CAM + V_SE), the reference study's Eq. 3.
  double svfCam() const { return se + cam > 0 ? cam / (se + cam) : 0.0; }
  // Solid fraction rho_S ("density after sintering").
  double density() const { return se + cam; }
};
Fractions phaseFractions(const std::uint8_t* phase, std::size_t voxels);
inline Fractions phaseFractions(const Grid<std::uint8_t>& phase) {
  return phaseFractions(phase.data(), phase.size());
}

}  // namespace ssb::core
