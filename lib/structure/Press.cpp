#include "structure/Press.hpp"

#include <cmath>
#include <limits>

#include "core/Error.hpp"

namespace ssb::structure {

std::size_t slicesBeforePressing(std::size_t outputNz, double strain) {
  return static_cast<std::size_t>(std::ceil(double(outputNz) / (1.0 - strain) - 1e-9));
}

Pressed pressAlongZ(const std::vector<PiledParticle>& particles, std::size_t inputNz, const core::Shape& shape,
                    double voxelSize_m, double strain) {
  if (!(strain >= 0.0 && strain < 1.0)) throw core::InputError("press strain must lie in [0, 1)");
  const long nz = long(shape.nz), ny = long(shape.ny), nx = long(shape.nx);
  const double scale = 1.0 - strain;
  const double zIn = 0.5 * double(inputNz), zOut = 0.5 * double(shape.nz);
  Pressed out;
  out.grain = core::Grid<std::uint32_t>(shape, voxelSize_m, 0);
  std::vector<float> depth(out.grain.size(), std::numeric_limits<float>::max());
  std::vector<PiledParticle> moved = particles;
  for (auto& p : moved) {
    p.centre_vox[0] = (p.centre_vox[0] - zIn) * scale + zOut;
    const double R = p.geometry.diameter_vox / 2.0;
    const double reach = p.geometry.shape == ParticleShape::Sphere ? R : std::hypot(R, p.geometry.thickness_vox / 2.0);
    const int n = static_cast<int>(std::ceil(reach + 1.0));
    const long cz = long(std::floor(p.centre_vox[0])), cy = long(std::floor(p.centre_vox[1])),
               cx = long(std::floor(p.centre_vox[2]));
    for (long z = std::max(0L, cz - n); z <= std::min(nz - 1, cz + n + 1); ++z)
      for (long y = cy - n; y <= cy + n + 1; ++y)
        for (long x = cx - n; x <= cx + n + 1; ++x) {
          // Distances from the particle's own (exact, unwrapped) centre; the
          // voxel index wraps in x and y.
          const Vec3 r{double(z) - p.centre_vox[0], double(y) - p.centre_vox[1], double(x) - p.centre_vox[2]};
          const double d = surfaceDistance_vox(p.geometry, r);
          if (d > 0.0) continue;
          const std::size_t i = (std::size_t(z) * std::size_t(ny) + std::size_t(((y % ny) + ny) % ny)) * std::size_t(nx) +
                                std::size_t(((x % nx) + nx) % nx);
          // Deepest wins; equal depths go to the smaller id (particles come by id).
          if (float(d) < depth[i]) {
            depth[i] = float(d);
            out.grain.values()[i] = p.id;
          }
        }
  }
  std::vector<std::uint64_t> count(particles.empty() ? 1 : particles.back().id + 1, 0);
  for (auto g : out.grain)
    if (g < count.size()) ++count[g];
  for (auto& p : moved) {
    if (p.id >= count.size() || count[p.id] == 0) continue;
    p.voxels = count[p.id];
    out.particles.push_back(p);
  }
  return out;
}

}  // namespace ssb::structure
