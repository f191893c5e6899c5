#pragma once
// Uniaxial pressing of a pile before sintering (an ssbvox option,
// docs/model.md §2.5): the particles' centres move towards the slab's middle
// plane by the factor 1 - strain along z (x and y unchanged, so the periodic
// sides stay), the particles keep their shapes, and where they now overlap a
// voxel goes to the particle it lies deepest in, so touching grains flatten
// against each other along their contact, as powders deform when pressed.
// The slab pressed must be cropNz / (1 - strain) slices tall to fill the
// output; the press brings it to cropNz.
#include <cstddef>
#include <vector>

#include "core/Grid.hpp"
#include "structure/Pile.hpp"

namespace ssb::structure {

struct Pressed {
  core::Grid<std::uint32_t> grain;       // nz = outputNz, ids as in the pile
  std::vector<PiledParticle> particles;  // those with voxels in the output, centres pressed
};

// `particles` with centres in the coordinates of a slab `inputNz` slices
// tall (ny, nx as `shape`); the result is `outputNz` = shape.nz slices.
Pressed pressAlongZ(const std::vector<PiledParticle>& particles, std::size_t inputNz, const core::Shape& shape,
                    double voxelSize_m, double strain);

// Slices a slab must have so that pressing by `strain` leaves `outputNz`.
std::size_t slicesBeforePressing(std::size_t outputNz, double strain);

}  // namespace ssb::structure
