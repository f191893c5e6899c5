#pragma once
// Piling (sedimentation) of CAM and SE particles: step 1-2 of the reference
// study's structure generation (docs/model.md §1).
//
// Particles are dropped one by one at random (x, y) into a box periodic in x
// and y and fall along z onto the floor (z = 0) or onto the particles below:
// the pile is tracked as a height map, so a falling particle rests where its
// lowest voxel in some column meets the pile (it cannot slip into voids under
// overhangs). It then rolls: it moves to the neighbouring position, 4, 2 or 1
// voxels away in x/y, where it would rest lowest, while that lowers it
// (drop-and-roll; an ssbvox choice, the reference study names no rule).
// The phase of each particle follows the target CAM solid volume fraction
// (PhaseChoice: by error diffusion of volume, so the pile's SVF_CAM matches
// the target closely, or by a fixed random number per particle); a linear
// profile along z makes gradient cathodes. Within a phase
// the group is drawn with probability proportional to its number share.
// Piling stops when the pile's mean height reaches the box top; the loosely
// packed bottom and top are then cropped away.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Grid.hpp"
#include "structure/Particle.hpp"
#include "structure/Recipe.hpp"

namespace ssb::structure {

// How each particle's phase is chosen. Balanced: error diffusion of volume
// against the target SVF_CAM (the pile's SVF_CAM follows the target to
// within one particle). Random: the particle's first random number against
// the target's number share of CAM particles (the volume share in
// expectation; the minority phase clusters as chance has it).
enum class PhaseChoice { Balanced, Random };

struct PileOptions {
  core::Shape box{650, 250, 250};  // (nz, ny, nx) voxels of the piling box
  std::size_t cropNz = 500;        // central slab kept, in z
  double voxel_um = 0.1;
  Recipe recipe;                   // already scaled to the target sizes
  double svfCamBottom = 0.5;       // target SVF_CAM at z = 0 (separator side)
  double svfCamTop = 0.5;          // ... at z = nz - 1 (collector side)
  bool flatPlatelets = false;      // faces normal to z instead of random
  PhaseChoice phaseChoice = PhaseChoice::Balanced;
  // Balanced choice: each particle counts as V + growth_vox * S (its volume
  // and surface in the kept slab), the volume it will have once sintering
  // grows every surface by about growth_vox. 0 balances the pile's own
  // SVF_CAM; the target fit sets the growth its density needs, so that the
  // SVF_CAM after sintering follows the target instead (docs/model.md §2.3).
  double balanceGrowth_vox = 0.0;
  std::uint64_t seed = 1;
};

struct PiledParticle {
  std::uint32_t id = 0;
  std::uint8_t phase = 0;
  std::uint32_t group = 0;  // index into the recipe's groups
  ParticleGeometry geometry;
  Vec3 centre_vox{};        // (z, y, x) in the cropped box's voxel coordinates
  std::uint64_t voxels = 0; // voxels inside the cropped box
};

struct Pile {
  core::Grid<std::uint32_t> grain;      // particle id per voxel, 0 = pore; cropped
  std::vector<PiledParticle> particles; // those with voxels in the crop, by id
  std::vector<std::uint8_t> phaseOfId;  // phase per particle id (index 0: pore)
  std::uint64_t dropped = 0;            // particles piled in the whole box
};

Pile pileParticles(const PileOptions& options);

// The phase of each grain id (index 0: pore), checking that every solid
// voxel has a grain, every grain voxel is solid, and no grain spans two
// phases; throws core::InputError naming `source` otherwise.
std::vector<std::uint8_t> phaseOfGrains(const core::Grid<std::uint8_t>& phase,
                                        const core::Grid<std::uint32_t>& grain, const std::string& source);

// /phase from grain ids.
core::Grid<std::uint8_t> phaseFromGrains(const core::Grid<std::uint32_t>& grain,
                                         const std::vector<std::uint8_t>& phaseOfId);

}  // namespace ssb::structure
