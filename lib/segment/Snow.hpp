#pragma once
// SNOW watershed partitioning of one phase into grains (Gostick, Phys. Rev.
// E 96, 023307, 2017), the method the reference study used to split its
// solid electrolyte into grains (docs/model.md §3). Steps:
//   1. Euclidean distance transform of the phase (distance to the nearest
//      voxel of another phase);
//   2. Gaussian smoothing, standard deviation `sigma` voxels (kernel
//      truncated at 4 sigma, as scipy's gaussian_filter);
//   3. peaks: voxels of the phase equal to the maximum of the smoothed
//      distance over a ball of radius `radius` (offsets |d| < radius), with
//      voxels of other phases counted 2 higher so that peaks keep off the
//      phase boundary;
//   4. trim saddle and plateau peaks: a peak whose growing plateau meets
//      two or more separate rims at least as high is a saddle and goes
//      (at most 20 dilation steps);
//   5. trim nearby peaks: of two peaks nearer to each other than the nearer
//      one is to the boundary (its smoothed distance value), the one nearer
//      the boundary goes;
//   6. marker-based watershed of the negated smoothed distance from the
//      remaining peaks (6-connected, no watershed lines, a hierarchical
//      queue with FIFO order within 1/256-voxel levels), over the whole
//      box, then kept on the phase: every voxel of the phase gets a grain.
// x and y are periodic by default (the cathode's lateral sides); bounded
// sides treat the box as an image cut from a scan, as image tools do.
#include <cstdint>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::segment {

struct SnowOptions {
  double sigma = 0.35;  // voxels; the reference study's value
  double radius = 4.0;  // voxels (its Table S2: 2, 4 or 8 by SE size)
  core::Sides sides = core::Sides::Periodic;
};

struct SnowResult {
  core::Grid<std::uint32_t> grain;  // 1..grains on the phase, 0 elsewhere
  std::uint32_t grains = 0;
  std::size_t peaksFound = 0, peaksAfterSaddles = 0, peaksAfterNearby = 0;
};

SnowResult snowPartition(const core::Grid<std::uint8_t>& phase, std::uint8_t which,
                         const SnowOptions& options = {});

// Pieces, exposed for tests.
core::Grid<float> distanceToOtherPhases(const core::Grid<std::uint8_t>& phase, std::uint8_t which,
                                        core::Sides sides);
core::Grid<float> gaussianSmooth(const core::Grid<float>& in, double sigma, core::Sides sides);

}  // namespace ssb::segment
