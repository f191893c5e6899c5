#pragma once
// Exact Euclidean distance transform with the nearest feature's label
// (a "feature transform"), by the separable lower-envelope-of-parabolas
// method of Felzenszwalb & Huttenlocher (Theory of Computing 8, 2012),
// carrying the label of the minimising site through each 1D pass.
// Periodic in x and y (the cathode's lateral faces), bounded in z.
#include <cstdint>

#include "core/Grid.hpp"

namespace ssb::structure {

struct FeatureTransform {
  core::Grid<float> distance2_vox2;  // squared distance to the nearest labelled voxel (0 on them)
  core::Grid<std::uint32_t> nearest; // that voxel's label (0 if there is none at all)
};

// Features are the voxels with label != 0. Lines are processed in parallel;
// the result does not depend on the thread count.
FeatureTransform featureTransform(const core::Grid<std::uint32_t>& labels, bool periodicXY = true);

}  // namespace ssb::structure
