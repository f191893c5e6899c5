#pragma once
// Geometric characteristics of a cathode structure (the reference study's
// Eqs. 3-4 and Figs. 6-7; MODEL.md §4).
#include <array>
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"

namespace ssb::geometry {

struct Fractions {
  double pore = 0, se = 0, cam = 0;  // volume fractions of the whole box
  double svfCam() const { return se + cam > 0 ? cam / (se + cam) : 0.0; }  // Eq. 3
  double density() const { return se + cam; }                              // rho_S
};
Fractions phaseFractions(const core::Grid<std::uint8_t>& phase);
// Fractions of each z slice (index z), for profiles along the thickness.
std::vector<Fractions> sliceFractions(const core::Grid<std::uint8_t>& phase);

// Faces shared by an SE and a CAM voxel (6-neighbours; across the periodic
// x and y faces too when periodicXY).
std::uint64_t seCamFaces(const core::Grid<std::uint8_t>& phase, bool periodicXY = true);

struct ActiveArea {
  std::uint64_t faces = 0;
  double area_m2 = 0;
  double perVolume_per_cm = 0;     // area / cathode volume, 1/cm (1 um^2/um^3 = 1e4 1/cm)
  double perVolume_um2_um3 = 0;
  double perGeometricArea = 0;     // area / (nx ny h^2), m^2 per m^2 of electrode
};
ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, bool periodicXY = true);

}  // namespace ssb::geometry
