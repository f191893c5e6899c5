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

// CAM voxels with at least one SE voxel among their 6 face neighbours
// (across periodic sides too).
std::uint64_t camVoxelsBesideSe(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

// The active area, SE-CAM contact per cathode volume. The headline is the
// reference study's measure (its section "Active area": neighbouring SE and
// CAM voxel surfaces found with a distance transform, i.e. the CAM voxels
// at distance 1 from the SE, each counted once, times h^2); beside it the
// SE-CAM face count (a voxel counted once per touching face: the interface
// faces discharge sees), which is larger by the faces per contact voxel.
struct ActiveArea {
  std::uint64_t camVoxels = 0;     // CAM voxels beside the SE (the reference study's count)
  std::uint64_t faces = 0;         // SE-CAM faces
  double area_m2 = 0;              // camVoxels h^2
  double perVolume_per_cm = 0;     // area / cathode volume, 1/cm (1 um^2/um^3 = 1e4 1/cm)
  double perVolume_um2_um3 = 0;
  double perGeometricArea = 0;     // area / (nx ny h^2), m^2 per m^2 of electrode
  double faceArea_m2 = 0;          // faces h^2
  double facesPerVolume_per_cm = 0;
};
ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

}  // namespace ssb::geometry
