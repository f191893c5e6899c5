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

// Weights of the 13 lattice directions of the 3x3x3 neighbourhood (each with
// its opposite) for the discrete Cauchy-Crofton surface estimator: the share
// of the unit sphere nearer to +-d than to any other of the 26 directions
// (Ohser & Muecklich, Statistical Analysis of Microstructures in Materials
// Science, Wiley 2000, ch. 4; Lang, Ohser & Hilfer, J. Microsc. 203, 2001).
// Integrated numerically once; they sum to 1. Order: lattice direction
// (dz, dy, dx) as in croftonDirections().
const std::array<double, 13>& croftonWeights();
const std::array<std::array<int, 3>, 13>& croftonDirections();

// Smooth-surface estimate of the interface between phases a and b (m^2), by
// the Cauchy-Crofton formula S = 2 sum_d w_d N_d h^3 / (|d| h): N_d is the
// number of a-b transitions between lattice points x and x + d (each pair
// stands for one voxel's volume h^3 of test line of length |d| h), weighted
// over the 13 directions with croftonWeights().
// Unlike a face count it does not grow with the staircase of a digitized
// oblique surface; its bias is at most about 7 % by orientation (an axis-
// aligned plane reads 0.927 of its area) and vanishes for isotropic
// surfaces.
double croftonInterfaceArea_m2(const core::Grid<std::uint8_t>& phase, std::uint8_t a, std::uint8_t b,
                                  core::Sides sides = core::Sides::Periodic);

// The active area, SE-CAM contact per cathode volume. The headline is the
// reference study's measure (its section "Active area": neighbouring SE and
// CAM voxel surfaces found with a distance transform, i.e. the CAM voxels
// at distance 1 from the SE, each counted once, times h^2); beside it the
// SE-CAM face count (a voxel counted once per touching face: the interface
// faces discharge sees), which is larger by the faces per contact voxel,
// and the Cauchy-Crofton estimate of the smooth interface the voxels
// digitize.
struct ActiveArea {
  std::uint64_t camVoxels = 0;     // CAM voxels beside the SE (the reference study's count)
  std::uint64_t faces = 0;         // SE-CAM faces
  double area_m2 = 0;              // camVoxels h^2
  double perVolume_per_cm = 0;     // area / cathode volume, 1/cm (1 um^2/um^3 = 1e4 1/cm)
  double perVolume_um2_um3 = 0;
  double perGeometricArea = 0;     // area / (nx ny h^2), m^2 per m^2 of electrode
  double faceArea_m2 = 0;          // faces h^2
  double facesPerVolume_per_cm = 0;
  double croftonPerVolume_per_cm = 0;  // smooth-surface estimate (croftonInterfaceArea_per_m)
};
ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

}  // namespace ssb::geometry
