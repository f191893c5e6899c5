#include "segment/MaterialIds.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "core/Error.hpp"
#include "core/Rng.hpp"

namespace ssb::segment {

GrainContacts grainContacts(const core::Grid<std::uint32_t>& grain, core::Sides sides) {
  std::vector<std::uint64_t> keys;
  const auto& g = grain.values();
  core::forEachFace(grain.shape(), sides, [&](std::size_t i, std::size_t j) {
    const auto a = g[i], b = g[j];
    if (a && b && a != b) keys.push_back((std::uint64_t(std::min(a, b)) << 32) | std::max(a, b));
  });
  std::sort(keys.begin(), keys.end());
  GrainContacts c;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k && keys[k] == keys[k - 1]) { ++c.faces.back(); continue; }
    c.pairs.push_back({std::uint32_t(keys[k] >> 32), std::uint32_t(keys[k] & 0xffffffffu)});
    c.faces.push_back(1);
  }
  return c;
}

std::vector<std::uint8_t> randomMaterialIds(std::uint32_t grains, int n, std::uint64_t seed) {
  std::vector<std::uint8_t> id(std::size_t(grains) + 1, 0);
  for (std::uint32_t g = 1; g <= grains; ++g)
    id[g] = static_cast<std::uint8_t>(1 + core::Rng(seed, g).below(std::uint64_t(n)));
  return id;
}

std::vector<std::uint8_t> colourMaterialIds(std::uint32_t grains, const GrainContacts& contacts, int n) {
  std::vector<std::vector<std::uint32_t>> adj(std::size_t(grains) + 1);
  for (const auto& [a, b] : contacts.pairs) {
    adj[a].push_back(b);
    adj[b].push_back(a);
  }
  std::vector<std::uint8_t> id(std::size_t(grains) + 1, 0);
  std::vector<std::uint32_t> usedMask(std::size_t(grains) + 1, 0);  // bit k: a neighbour has id k+1
  std::vector<int> saturation(std::size_t(grains) + 1, 0);
  // Highest saturation first, then highest degree, then lowest id.
  auto key = [&](std::uint32_t g) {
    return std::tuple<int, std::size_t, std::uint32_t>(-saturation[g], ~adj[g].size(), g);
  };
  std::set<std::tuple<int, std::size_t, std::uint32_t>> open;
  for (std::uint32_t g = 1; g <= grains; ++g) open.insert(key(g));
  while (!open.empty()) {
    const std::uint32_t g = std::get<2>(*open.begin());
    open.erase(open.begin());
    int colour = 0;
    while (colour < n && (usedMask[g] >> colour & 1u)) ++colour;
    if (colour == n)
      throw core::RuntimeFailure("--assign colour: " + std::to_string(n) + " ids are not enough (grain " +
                                 std::to_string(g) + " touches grains of all of them); use more --ids");
    id[g] = static_cast<std::uint8_t>(colour + 1);
    for (auto h : adj[g]) {
      if (id[h] || (usedMask[h] >> colour & 1u)) { usedMask[h] |= 1u << colour; continue; }
      open.erase(key(h));
      usedMask[h] |= 1u << colour;
      ++saturation[h];
      open.insert(key(h));
    }
  }
  return id;
}

core::Grid<std::uint8_t> materialIdGrid(const core::Grid<std::uint32_t>& grain,
                                        const std::vector<std::uint8_t>& idOfGrain) {
  core::Grid<std::uint8_t> m(grain.shape(), grain.voxelSize_m(), 0);
  for (std::size_t i = 0; i < grain.size(); ++i) m.values()[i] = idOfGrain[grain.values()[i]];
  return m;
}

std::uint64_t grainBoundaryFaces(const core::Grid<std::uint8_t>& materialId, core::Sides sides) {
  std::uint64_t n = 0;
  const auto& m = materialId.values();
  core::forEachFace(materialId.shape(), sides, [&](std::size_t i, std::size_t j) { n += m[i] && m[j] && m[i] != m[j]; });
  return n;
}

double sameIdContactShare(const GrainContacts& c, const std::vector<std::uint8_t>& id) {
  if (c.pairs.empty()) return 0.0;
  std::size_t same = 0;
  for (const auto& [a, b] : c.pairs) same += id[a] == id[b];
  return double(same) / double(c.pairs.size());
}

}  // namespace ssb::segment
