#pragma once
// Geometric characteristics of a cathode structure (the reference study's
// Eqs. 3-4 and Figs. 6-7; docs/model.md §4).
#include <array>
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"
#include "core/Phase.hpp"
#include "core/Sides.hpp"

namespace ssb::geometry {

// The phase fractions of each z slice (index z), for profiles along the
// thickness (core::phaseFractions gives those of the whole box).
std::vector<core::Fractions> sliceFractions(const core::Grid<std::uint8_t>& phase);

// Faces shared by an SE and a CAM voxel (6-neighbours, across periodic
// sides too).
std::uint64_t seCamFaces(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

struct ActiveArea {
  std::uint64_t faces = 0;
  double area_m2 = 0;
  double perVolume_per_cm = 0;     // area / cathode volume, 1/cm (1 um^2/um^3 = 1e4 1/cm)
  double perVolume_um2_um3 = 0;
  double perGeometricArea = 0;     // area / (nx ny h^2), m^2 per m^2 of electrode
};
ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

}  // namespace ssb::geometry
