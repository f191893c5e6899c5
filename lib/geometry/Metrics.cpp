#include "geometry/Metrics.hpp"

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
  return a;
}

}  // namespace ssb::geometry
