#include "structure/Particle.hpp"

#include <algorithm>
#include <cmath>

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

double surfaceDistance_vox(const ParticleGeometry& g, const Vec3& r) {
  const double R = g.diameter_vox / 2.0;
  if (g.shape == ParticleShape::Sphere) return std::sqrt(dot(r, r)) - R;
  const double s3 = std::sqrt(3.0);
  const double w = dot(r, g.normal), u = dot(r, g.corner), v = dot(r, cross(g.normal, g.corner));
  // Faces: |w| = t/2; the two sides along the corner axis: |v| = apothem;
  // the four others: sqrt(3)|u| + |v| = sqrt(3) R, whose normal has length 2.
  return std::max({std::abs(w) - g.thickness_vox / 2.0, std::abs(v) - s3 / 2.0 * R,
                   (s3 * std::abs(u) + std::abs(v) - s3 * R) / 2.0});
}

VoxelMask voxelize(const ParticleGeometry& g, const Vec3& subVoxel) {
  const double R = g.diameter_vox / 2.0;
  const bool sphere = g.shape == ParticleShape::Sphere;
  const double reach = sphere ? R : std::hypot(R, g.thickness_vox / 2.0);
  const int n = static_cast<int>(std::ceil(reach + 1.0));
  // Platelet frame, computed once: w along the normal, u towards a corner,
  // v along an edge normal (see insideParticle).
  const Vec3 e2 = cross(g.normal, g.corner);
  const double s3 = std::sqrt(3.0), apothem = s3 / 2.0 * R, halfT = g.thickness_vox / 2.0;
  const double reach2 = (reach + 1e-9) * (reach + 1e-9);
  VoxelMask mask;
  for (int dy = -n; dy <= n; ++dy)
    for (int dx = -n; dx <= n; ++dx) {
      const double ry = dy - subVoxel[1], rx = dx - subVoxel[2];
      if (ry * ry + rx * rx > reach2) continue;  // outside the bounding sphere's column
      int bottom = 1 << 14, top = -(1 << 14);
      for (int dz = -n; dz <= n; ++dz) {
        const double rz = dz - subVoxel[0];
        bool in;
        if (sphere) {
          in = rz * rz + ry * ry + rx * rx <= R * R;
        } else {
          const double w = rz * g.normal[0] + ry * g.normal[1] + rx * g.normal[2];
          const double u = rz * g.corner[0] + ry * g.corner[1] + rx * g.corner[2];
          const double v = rz * e2[0] + ry * e2[1] + rx * e2[2];
          in = std::abs(w) <= halfT && std::abs(v) <= apothem && s3 * std::abs(u) + std::abs(v) <= s3 * R;
        }
        if (!in) continue;
        mask.voxels.push_back({static_cast<std::int16_t>(dz), static_cast<std::int16_t>(dy),
                               static_cast<std::int16_t>(dx)});
        bottom = std::min(bottom, dz);
        top = std::max(top, dz);
      }
      if (top >= bottom)
        mask.columns.push_back({static_cast<std::int16_t>(dy), static_cast<std::int16_t>(dx),
                                static_cast<std::int16_t>(bottom), static_cast<std::int16_t>(top)});
    }
  if (mask.voxels.empty()) {
    mask.voxels.push_back({0, 0, 0});
    mask.columns.push_back({0, 0, 0, 0});
  }
  return mask;
}

double analyticVolume_vox(const ParticleGeometry& g) {
  const double R = g.diameter_vox / 2.0;
  if (g.shape == ParticleShape::Sphere) return 4.0 / 3.0 * kPi * R * R * R;
  return 1.5 * std::sqrt(3.0) * R * R * g.thickness_vox;
}

double analyticSurface_vox2(const ParticleGeometry& g) {
  const double R = g.diameter_vox / 2.0;
  if (g.shape == ParticleShape::Sphere) return 4.0 * kPi * R * R;
  return 3.0 * std::sqrt(3.0) * R * R + 6.0 * R * g.thickness_vox;
}

}  // namespace ssb::structure
