#include "structure/Sinter.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/Error.hpp"
#include "core/Rng.hpp"
#include "geometry/Distance.hpp"

namespace ssb::structure {

double densityAtOffset(const core::Grid<std::uint32_t>& grain, double offset_vox) {
  const auto ft = geometry::featureTransform(grain);
  const double limit = offset_vox * offset_vox * (1 + 1e-12);  // squared distances are integers
  std::size_t n = 0;
  for (std::size_t i = 0; i < grain.size(); ++i)
    if (ft.nearest.values()[i] != 0 && ft.distance2_vox2.values()[i] <= limit) ++n;
  return double(n) / double(grain.size());
}

Sintered sinterToDensity(const core::Grid<std::uint32_t>& grain, double targetDensity,
                         std::uint64_t seed) {
  const std::size_t total = grain.size();
  std::size_t solid = 0;
  for (auto g : grain) solid += g != 0;
  Sintered out;
  out.densityBefore = double(solid) / double(total);
  const std::size_t want = static_cast<std::size_t>(std::llround(targetDensity * double(total)));
  if (solid == 0) throw core::InputError("the structure holds no grain to grow");
  if (want < solid) {
    std::ostringstream m;
    m << "target density " << targetDensity << " is below the density of the pile itself ("
      << out.densityBefore << "): sintering only densifies";
    throw core::RuntimeFailure(m.str());
  }
  const auto ft = geometry::featureTransform(grain);
  // Squared distances are integers: count the pore voxels per value.
  const auto& d2 = ft.distance2_vox2.values();
  std::uint32_t maxD2 = 0;
  for (std::size_t i = 0; i < total; ++i)
    if (!grain.values()[i]) maxD2 = std::max(maxD2, static_cast<std::uint32_t>(d2[i]));
  std::vector<std::size_t> count(std::size_t(maxD2) + 1, 0);
  for (std::size_t i = 0; i < total; ++i)
    if (!grain.values()[i]) ++count[static_cast<std::uint32_t>(d2[i])];
  std::size_t need = want - solid, below = 0;
  std::uint32_t shell = 0;
  while (shell <= maxD2 && below + count[shell] < need) below += count[shell++];
  // All voxels closer than the shell grow; of the shell, `need - below` in a seeded order.
  out.grain = grain;
  std::vector<std::pair<double, std::size_t>> candidates;
  for (std::size_t i = 0; i < total; ++i) {
    if (grain.values()[i]) continue;
    const auto k = static_cast<std::uint32_t>(d2[i]);
    if (k < shell)
      out.grain.values()[i] = ft.nearest.values()[i];
    else if (k == shell)
      candidates.push_back({core::counterUniform(seed, 0x5171e6, i), i});
  }
  const std::size_t take = std::min(candidates.size(), need - below);
  std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(take), candidates.end());
  for (std::size_t k = 0; k < take; ++k)
    out.grain.values()[candidates[k].second] = ft.nearest.values()[candidates[k].second];
  out.offset_vox = std::sqrt(double(shell));
  std::size_t now = 0;
  for (auto g : out.grain) now += g != 0;
  out.density = double(now) / double(total);
  return out;
}

}  // namespace ssb::structure
