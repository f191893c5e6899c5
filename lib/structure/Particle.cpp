#include "structure/Particle.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace ssb::structure {

namespace {
constexpr double kPi = 3.14159265358979323846;
double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
}  // namespace

bool insideParticle(const ParticleGeometry& g, const Vec3& r) {
  const double R = g.diameter_vox / 2.0;
  if (g.shape == ParticleShape::Sphere) return dot(r, r) <= R * R;
  // Regular hexagonal prism: |w| <= t/2 along the normal; in the face plane,
  // with u towards a corner and v along an edge normal, |v| <= apothem and
  // sqrt(3)|u| + |v| <= sqrt(3) R.
  const double w = dot(r, g.normal);
  if (std::abs(w) > g.thickness_vox / 2.0) return false;
  const double u = dot(r, g.corner);
  const double v = dot(r, cross(g.normal, g.corner));
  const double s3 = std::sqrt(3.0);
  return std::abs(v) <= s3 / 2.0 * R && s3 * std::abs(u) + std::abs(v) <= s3 * R;
}

VoxelMask voxelize(const ParticleGeometry& g, const Vec3& subVoxel) {
  const double reach = g.shape == ParticleShape::Sphere
                           ? g.diameter_vox / 2.0
                           : std::hypot(g.diameter_vox / 2.0, g.thickness_vox / 2.0);
  const int n = static_cast<int>(std::ceil(reach + 1.0));
  VoxelMask mask;
  std::map<std::pair<int, int>, std::pair<int, int>> columns;
  for (int dz = -n; dz <= n; ++dz)
    for (int dy = -n; dy <= n; ++dy)
      for (int dx = -n; dx <= n; ++dx) {
        const Vec3 r{dz - subVoxel[0], dy - subVoxel[1], dx - subVoxel[2]};
        if (!insideParticle(g, r)) continue;
        mask.voxels.push_back({static_cast<std::int16_t>(dz), static_cast<std::int16_t>(dy),
                               static_cast<std::int16_t>(dx)});
      }
  if (mask.voxels.empty()) mask.voxels.push_back({0, 0, 0});
  for (const auto& v : mask.voxels) {
    auto [it, fresh] = columns.try_emplace({v.dy, v.dx}, v.dz, v.dz);
    if (!fresh) {
      it->second.first = std::min<int>(it->second.first, v.dz);
      it->second.second = std::max<int>(it->second.second, v.dz);
    }
  }
  for (const auto& [yx, bt] : columns)
    mask.columns.push_back({static_cast<std::int16_t>(yx.first), static_cast<std::int16_t>(yx.second),
                            static_cast<std::int16_t>(bt.first), static_cast<std::int16_t>(bt.second)});
  return mask;
}

double analyticVolume_vox(const ParticleGeometry& g) {
  const double R = g.diameter_vox / 2.0;
  if (g.shape == ParticleShape::Sphere) return 4.0 / 3.0 * kPi * R * R * R;
  return 1.5 * std::sqrt(3.0) * R * R * g.thickness_vox;
}

}  // namespace ssb::structure
