#pragma once
// Geometric sintering (docs/model.md §2): every grain grows in its own shape by a
// common offset from its surface; a pore voxel reached by several grains
// goes to the grain whose surface is nearest (a Voronoi tessellation of the
// grains by surface distance), so grains flatten against each other at
// contacts and platelets stay platelets. CAM and SE grow alike.
//
// The density rho_S (solid volume / total volume) is a monotone function of
// the offset, read off the distance map directly: the pore voxels are ranked
// by their distance to the nearest grain and the closest ones become solid.
// Voxels at exactly the threshold distance are taken in a seeded random
// order, so the target density is met to the voxel.
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"

namespace ssb::structure {

struct Sintered {
  core::Grid<std::uint32_t> grain;  // grown grains
  double offset_vox = 0.0;          // the common growth distance reached
  double density = 0.0;             // solid fraction after sintering
  double densityBefore = 0.0;
};

// Grows the grains of `grain` (ids > 0) until the solid fraction is
// `targetDensity`. Throws core::RuntimeFailure if the target is below the
// input's density or cannot be reached (no grain at all).
Sintered sinterToDensity(const core::Grid<std::uint32_t>& grain, double targetDensity,
                         std::uint64_t seed);

// Solid fraction of a grain grid as a function of the growth offset d
// (voxels): the fraction of voxels within distance d of a grain. For tests
// and for reporting the density curve.
double densityAtOffset(const core::Grid<std::uint32_t>& grain, double offset_vox);

}  // namespace ssb::structure
