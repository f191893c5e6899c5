#pragma once
// Cells and parameters the discharge tests share (test_echem, test_discharge).
#include <string>

#include "core/Phase.hpp"
#include "core/Rng.hpp"
#include "echem/Discharge.hpp"
#include "materials/Material.hpp"

namespace ssb::testing {

// The bundled materials: a CAM (lco or nmc811), LLZO, Li.
inline echem::DischargeParameters dischargeParameters(const std::string& cam = "lco") {
  echem::DischargeParameters p;
  p.cam = materials::loadMaterial(cam, materials::Kind::ActiveMaterial, "--cam");
  p.se = materials::loadMaterial("llzo", materials::Kind::SolidElectrolyte, "--se");
  p.anode = materials::loadMaterial("li", materials::Kind::MetalAnode, "--anode");
  return p;
}

// `separator` slices of SE (material id 0), then a random cathode of SE
// (grains of ids 1-3), CAM and pores whose last slice is all CAM (every CAM
// cluster above it reaches the collector).
inline echem::CellGeometry randomCell(core::Shape cathode, std::size_t separator, std::uint64_t seed,
                                      double h = 2e-7) {
  echem::CellGeometry c;
  c.separatorSlices = separator;
  const core::Shape s{cathode.nz + separator, cathode.ny, cathode.nx};
  c.phase = core::Grid<std::uint8_t>(s, h, core::kSE);
  c.materialId = core::Grid<std::uint8_t>(s, h, 0);
  core::Rng rng(seed, 0);
  for (std::size_t z = separator; z < s.nz; ++z)
    for (std::size_t y = 0; y < s.ny; ++y)
      for (std::size_t x = 0; x < s.nx; ++x) {
        const auto r = rng.below(10);
        c.phase(z, y, x) = z + 1 == s.nz ? core::kCAM : r < 5 ? core::kCAM : r < 9 ? core::kSE : core::kPore;
        if (c.phase(z, y, x) == core::kSE) c.materialId(z, y, x) = std::uint8_t(1 + rng.below(3));
      }
  return c;
}

}  // namespace ssb::testing
