#pragma once
// Spreading piled grains for uniform spacing (the reference study's step 3,
// against "shading effects" of piling; how is an ssbvox choice):
// relaxation steps in the manner of Lloyd's algorithm. Each grain's Voronoi
// cell in the pore space (the pore voxels nearer to it than to any other
// grain, from the feature transform) is found; the grain is moved by a whole
// number of voxels towards the centroid of its cell (grain plus cell), by at
// most `maxStep_vox`, and only if it then overlaps no other grain. Grains
// move apart from crowded spots into voids, which evens out the spacing.
#include <array>
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"

namespace ssb::structure {

struct SpreadReport {
  std::vector<std::array<long, 3>> shift_vox;  // per grain id: total (z, y, x) move
  std::size_t moved = 0;       // grain moves made over all iterations
  double meanShift_vox = 0.0;  // mean length of the moves made
};

// `grain` is modified in place; x and y are periodic, z bounded.
SpreadReport spreadForUniformSpacing(core::Grid<std::uint32_t>& grain, std::uint32_t maxId,
                                     int iterations, double maxStep_vox = 2.0);

}  // namespace ssb::structure
