#pragma once
// Exact Euclidean distance transform with the nearest feature's label
// (a "feature transform"), by the separable lower-envelope-of-parabolas
// method of Felzenszwalb & Huttenlocher (Theory of Computing 8, 2012),
// carrying the label of the minimising site through each 1D pass.
// x and y periodic (the cathode's lateral sides) or bounded, z bounded.
// Used by sintering (growth by distance), spreading (Voronoi cells) and
// segmentation (the SNOW distance map).
#include <cstdint>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::geometry {

struct FeatureTransform {
  core::Grid<float> distance2_vox2;  // squared distance to the nearest labelled voxel (0 on them)
  core::Grid<std::uint32_t> nearest; // that voxel's label (0 if there is none at all)
};

// Features are the voxels with label != 0. Lines are processed in parallel;
// the result does not depend on the thread count.
FeatureTransform featureTransform(const core::Grid<std::uint32_t>& labels,
                                  core::Sides sides = core::Sides::Periodic);

}  // namespace ssb::geometry
