#pragma once
// Voxelized particles: spheres and hexagonal platelets in any orientation.
#include <array>
#include <cstdint>
#include <vector>

#include "structure/Recipe.hpp"

namespace ssb::structure {

using Vec3 = std::array<double, 3>;  // (z, y, x)

// A particle's geometry in voxel units.
struct ParticleGeometry {
  ParticleShape shape = ParticleShape::Sphere;
  double diameter_vox = 1.0;   // sphere diameter, or platelet corner-to-corner diameter
  double thickness_vox = 0.0;  // platelets
  Vec3 normal{1, 0, 0};        // platelet face normal (unit)
  Vec3 corner{0, 0, 1};        // unit vector in the face plane, towards a corner
};

struct VoxelOffset {
  std::int16_t dz, dy, dx;
};

// The voxels of a particle and, per (dy, dx) column, its lowest and highest dz:
// what a falling particle needs to find where it rests on a height map.
struct VoxelMask {
  std::vector<VoxelOffset> voxels;
  struct Column {
    std::int16_t dy, dx, bottom, top;
  };
  std::vector<Column> columns;
};

// Is the point r (voxel units, relative to the particle centre) inside?
bool insideParticle(const ParticleGeometry& g, const Vec3& r);

// Signed distance of r from the particle's surface, in voxels, negative
// inside: |r| - R for a sphere; for a platelet the largest signed distance
// to its eight face planes (exact inside and opposite a face; a lower bound
// of the Euclidean distance beyond edges and corners). <= 0 exactly where
// insideParticle is true.
double surfaceDistance_vox(const ParticleGeometry& g, const Vec3& r);

// The voxels whose centres lie inside the particle centred at `subVoxel`
// (the centre's offset from the voxel centre it belongs to, each in
// [-0.5, 0.5)). Never empty: a particle smaller than a voxel keeps one.
VoxelMask voxelize(const ParticleGeometry& g, const Vec3& subVoxel = {0, 0, 0});

// Analytic volume in voxels (what voxelize approaches as size grows).
double analyticVolume_vox(const ParticleGeometry& g);
// Analytic surface area in voxel faces (h^2): pi D^2 for a sphere; two
// hexagons (3 sqrt(3)/2 R^2 each) and six R x t sides for a platelet.
double analyticSurface_vox2(const ParticleGeometry& g);

}  // namespace ssb::structure
