#include "geometry/Metrics.hpp"

#include <cmath>

#include "core/Phase.hpp"

namespace ssb::geometry {

namespace {
bool seCamPair(std::uint8_t a, std::uint8_t b) {
  return (a == core::kSE && b == core::kCAM) || (a == core::kCAM && b == core::kSE);
}
}  // namespace

std::vector<core::Fractions> sliceFractions(const core::Grid<std::uint8_t>& phase) {
  std::vector<core::Fractions> out;
  const std::size_t slice = phase.ny() * phase.nx();
  for (std::size_t z = 0; z < phase.nz(); ++z) out.push_back(core::phaseFractions(phase.data() + z * slice, slice));
  return out;
}

std::uint64_t seCamFaces(const core::Grid<std::uint8_t>& phase, core::Sides sides) {
  const auto& p = phase.values();
  std::uint64_t n = 0;
  core::forEachFace(phase.shape(), sides, [&](std::size_t i, std::size_t j) { n += seCamPair(p[i], p[j]); });
  return n;
}

std::uint64_t camVoxelsBesideSe(const core::Grid<std::uint8_t>& phase, core::Sides sides) {
  const auto& p = phase.values();
  std::vector<std::uint8_t> beside(p.size(), 0);
  core::forEachFace(phase.shape(), sides, [&](std::size_t i, std::size_t j) {
    if (p[i] == core::kCAM && p[j] == core::kSE) beside[i] = 1;
    if (p[j] == core::kCAM && p[i] == core::kSE) beside[j] = 1;
  });
  std::uint64_t n = 0;
  for (std::uint8_t b : beside) n += b;
  return n;
}

const std::array<std::array<int, 3>, 13>& croftonDirections() {
  static const std::array<std::array<int, 3>, 13> d{{{0, 0, 1}, {0, 1, 0}, {1, 0, 0},
                                                     {0, 1, 1}, {0, 1, -1}, {1, 0, 1}, {1, 0, -1}, {1, 1, 0}, {1, -1, 0},
                                                     {1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1}}};
  return d;
}

const std::array<double, 13>& croftonWeights() {
  // Midpoint quadrature in (cos theta, phi) is area-uniform on the sphere;
  // each point goes to the direction (or its opposite) of largest |cos|.
  static const std::array<double, 13> w = [] {
    const auto& dirs = croftonDirections();
    std::array<std::array<double, 3>, 13> unit{};
    for (std::size_t k = 0; k < 13; ++k) {
      const double l = std::sqrt(double(dirs[k][0] * dirs[k][0] + dirs[k][1] * dirs[k][1] + dirs[k][2] * dirs[k][2]));
      for (int c = 0; c < 3; ++c) unit[k][c] = dirs[k][c] / l;
    }
    std::array<double, 13> count{};
    const int nu = 1200, nphi = 2400;
    const double pi = 3.14159265358979323846;
    for (int i = 0; i < nu; ++i) {
      const double z = -1.0 + (i + 0.5) * 2.0 / nu, r = std::sqrt(1.0 - z * z);
      for (int j = 0; j < nphi; ++j) {
        const double phi = (j + 0.5) * 2.0 * pi / nphi;
        const double p[3] = {z, r * std::sin(phi), r * std::cos(phi)};
        std::size_t best = 0;
        double bestCos = -1;
        for (std::size_t k = 0; k < 13; ++k) {
          const double c = std::abs(p[0] * unit[k][0] + p[1] * unit[k][1] + p[2] * unit[k][2]);
          if (c > bestCos) { bestCos = c; best = k; }
        }
        count[best] += 1;
      }
    }
    std::array<double, 13> out{};
    for (std::size_t k = 0; k < 13; ++k) out[k] = count[k] / (double(nu) * nphi);
    return out;
  }();
  return w;
}

double croftonInterfaceArea_m2(const core::Grid<std::uint8_t>& phase, std::uint8_t a, std::uint8_t b,
                                  core::Sides sides) {
  const long nz = long(phase.nz()), ny = long(phase.ny()), nx = long(phase.nx());
  const bool periodic = core::isPeriodic(sides);
  const auto& p = phase.values();
  const auto& dirs = croftonDirections();
  const auto& w = croftonWeights();
  const double h = phase.voxelSize_m();
  double area = 0;
  for (std::size_t k = 0; k < 13; ++k) {
    const long dz = dirs[k][0], dy = dirs[k][1], dx = dirs[k][2];
    std::uint64_t crossings = 0;
    for (long z = 0; z + dz < nz; ++z)
      for (long y = 0; y < ny; ++y) {
        long y2 = y + dy;
        if (y2 < 0 || y2 >= ny) {
          if (!periodic) continue;
          y2 = (y2 + ny) % ny;
        }
        const std::uint8_t* row = p.data() + (z * ny + y) * nx;
        const std::uint8_t* row2 = p.data() + ((z + dz) * ny + y2) * nx;
        for (long x = 0; x < nx; ++x) {
          long x2 = x + dx;
          if (x2 < 0 || x2 >= nx) {
            if (!periodic) continue;
            x2 = (x2 + nx) % nx;
          }
          const std::uint8_t u = row[x], v = row2[x2];
          crossings += (u == a && v == b) || (u == b && v == a);
        }
      }
    area += 2.0 * w[k] * double(crossings) * h * h / std::sqrt(double(dz * dz + dy * dy + dx * dx));
  }
  return area;
}

ActiveArea activeArea(const core::Grid<std::uint8_t>& phase, core::Sides sides) {
  ActiveArea a;
  const double h = phase.voxelSize_m();
  a.camVoxels = camVoxelsBesideSe(phase, sides);
  a.faces = seCamFaces(phase, sides);
  a.area_m2 = double(a.camVoxels) * h * h;
  a.faceArea_m2 = double(a.faces) * h * h;
  const double volume_m3 = double(phase.size()) * h * h * h;
  const double perM = volume_m3 > 0 ? a.area_m2 / volume_m3 : 0.0;
  a.perVolume_per_cm = perM / 100.0;
  a.perVolume_um2_um3 = perM * 1e-6;
  a.perGeometricArea = a.area_m2 / (double(phase.ny() * phase.nx()) * h * h);
  a.facesPerVolume_per_cm = volume_m3 > 0 ? a.faceArea_m2 / volume_m3 / 100.0 : 0.0;
  a.croftonPerVolume_per_cm =
      volume_m3 > 0 ? croftonInterfaceArea_m2(phase, core::kSE, core::kCAM, sides) / volume_m3 / 100.0 : 0.0;
  return a;
}

}  // namespace ssb::geometry
