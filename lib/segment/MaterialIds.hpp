#pragma once
// Material ids of solid electrolyte grains: grain boundaries (GBs) are the
// faces between SE voxels of different ids (docs/model.md §3). The reference
// study assigned 8 ids at random, so about 1 in 8 touching grain pairs share
// an id and have no GB between them; a colouring in which touching grains
// always differ is offered as the cleaner model.
#include <cstdint>
#include <utility>
#include <vector>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::segment {

// Pairs (a < b) of grain ids that share at least one voxel face, with the
// number of faces; 6-neighbours, across periodic sides too.
struct GrainContacts {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<std::uint64_t> faces;
};
GrainContacts grainContacts(const core::Grid<std::uint32_t>& grain, core::Sides sides = core::Sides::Periodic);

// Seeded random ids 1..n per grain (index = grain id; index 0 is 0).
std::vector<std::uint8_t> randomMaterialIds(std::uint32_t grains, int n, std::uint64_t seed);
// A colouring with ids 1..n in which contacting grains differ (DSATUR,
// Brélaz 1979); throws core::RuntimeFailure if n ids are not enough.
std::vector<std::uint8_t> colourMaterialIds(std::uint32_t grains, const GrainContacts& contacts, int n);

// /material_id from grain ids: id of the voxel's grain, 0 off the grains.
core::Grid<std::uint8_t> materialIdGrid(const core::Grid<std::uint32_t>& grain,
                                        const std::vector<std::uint8_t>& idOfGrain);

// Faces between voxels with different nonzero material ids (GB faces), and
// the share of contacting grain pairs that have the same id.
std::uint64_t grainBoundaryFaces(const core::Grid<std::uint8_t>& materialId,
                                 core::Sides sides = core::Sides::Periodic);
double sameIdContactShare(const GrainContacts& contacts, const std::vector<std::uint8_t>& idOfGrain);

}  // namespace ssb::segment
