#include "geometry/Metrics.hpp"

#include "core/Phase.hpp"

namespace ssb::geometry {

namespace {
Fractions fractionsOf(const std::uint8_t* p, std::size_t n) {
  std::array<std::uint64_t, 256> c{};
  for (std::size_t i = 0; i < n; ++i) ++c[p[i]];
  Fractions f;
  if (!n) return f;
  f.pore = double(c[core::kPore]) / double(n);
  f.se = double(c[core::kSE]) / double(n);
  f.cam = double(c[core::kCAM]) / double(n);
  return f;
}
bool seCamPair(std::uint8_t a, std::uint8_t b) {
  return (a == core::kSE && b == core::kCAM) || (a == core::kCAM && b == core::kSE);
}
}  // namespace

Fractions phaseFractions(const core::Grid<std::uint8_t>& phase) {
  return fractionsOf(phase.data(), phase.size());
}

std::vector<Fractions> sliceFractions(const core::Grid<std::uint8_t>& phase) {
  std::vector<Fractions> out;
  const std::size_t slice = phase.ny() * phase.nx();
  for (std::size_t z = 0; z < phase.nz(); ++z) out.push_back(fractionsOf(phase.data() + z * slice, slice));
  return out;
}

std::uint64_t seCamFaces(const core::Grid<std::uint8_t>& phase, bool periodicXY) {
  const std::size_t nz = phase.nz(), ny = phase.ny(), nx = phase.nx();
  const auto& p = phase.values();
  std::uint64_t n = 0;
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y) {
      const std::size_t row = (z * ny + y) * nx;
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = row + x;
        // Each face counted once: towards +x, +y, +z.
        if (x + 1 < nx) n += seCamPair(p[i], p[i + 1]);
        else if (periodicXY && nx > 1) n += seCamPair(p[i], p[row]);
        if (y + 1 < ny) n += seCamPair(p[i], p[i + nx]);
        else if (periodicXY && ny > 1) n += seCamPair(p[i], p[z * ny * nx + x]);
        if (z + 1 < nz) n += seCamPair(p[i], p[i + ny * nx]);
      }
    }
  return n;
}

ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, bool periodicXY) {
  ActiveArea a;
  const double h = phase.voxelSize_m();
  a.faces = seCamFaces(phase, periodicXY);
  a.area_m2 = double(a.faces) * h * h;
  const double volume_m3 = double(phase.size()) * h * h * h;
  const double perM = volume_m3 > 0 ? a.area_m2 / volume_m3 : 0.0;
  a.perVolume_per_cm = perM / 100.0;
  a.perVolume_um2_um3 = perM * 1e-6;
  a.perGeometricArea = a.area_m2 / (double(phase.ny() * phase.nx()) * h * h);
  return a;
}

}  // namespace ssb::geometry
