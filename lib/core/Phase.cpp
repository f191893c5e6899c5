#include "core/Phase.hpp"

#include <array>
#include <cctype>
#include <string>

namespace ssb::core {

std::optional<std::uint8_t> parsePhase(std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < kPhaseCount; ++i)
    if (lower == kPhaseNames[i] || lower == std::to_string(i)) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

Fractions phaseFractions(const std::uint8_t* phase, std::size_t voxels) {
  std::array<std::uint64_t, 256> count{};
  for (std::size_t i = 0; i < voxels; ++i) ++count[phase[i]];
  Fractions f;
  if (!voxels) return f;
  f.pore = double(count[kPore]) / double(voxels);
  f.se = double(count[kSE]) / double(voxels);
  f.cam = double(count[kCAM]) / double(voxels);
  return f;
}

}  // namespace ssb::core
