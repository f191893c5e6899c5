#include "segment/GrainSizes.hpp"

#include <algorithm>
#include <cmath>

namespace ssb::segment {

namespace {
constexpr double kPi = 3.14159265358979323846;
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double pos = q * double(sorted.size() - 1);
  const auto lo = std::size_t(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - double(lo)) * (sorted[hi] - sorted[lo]);
}
}  // namespace

GrainSizes grainSizes(const core::Grid<std::uint32_t>& grain, std::uint32_t grains, int bins) {
  GrainSizes s;
  std::vector<std::uint64_t> volume(std::size_t(grains) + 1, 0);
  for (auto g : grain) if (g) ++volume[g];
  const double h_um = grain.voxelSize_m() * 1e6;
  s.diameter_um.assign(std::size_t(grains) + 1, 0.0);
  std::vector<double> d;
  double sumD = 0, sumV = 0, sumVD = 0, sumD2 = 0, sumD3 = 0;
  for (std::uint32_t g = 1; g <= grains; ++g) {
    const double v = double(volume[g]);
    s.diameter_um[g] = std::cbrt(6.0 * v / kPi) * h_um;
    d.push_back(s.diameter_um[g]);
    sumD += s.diameter_um[g];
    sumV += v;
    sumVD += v * s.diameter_um[g];
    sumD2 += s.diameter_um[g] * s.diameter_um[g];
    sumD3 += s.diameter_um[g] * s.diameter_um[g] * s.diameter_um[g];
  }
  if (d.empty()) return s;
  s.mean_um = sumD / double(d.size());
  s.volumeWeightedMean_um = sumVD / sumV;
  s.sauterMean_um = sumD2 > 0 ? sumD3 / sumD2 : 0.0;
  std::sort(d.begin(), d.end());
  s.d10_um = percentile(d, 0.1);
  s.d50_um = percentile(d, 0.5);
  s.d90_um = percentile(d, 0.9);
  const double top = d.back() > 0 ? d.back() : 1.0;
  for (int b = 0; b <= bins; ++b) s.histogramEdges_um.push_back(top * double(b) / double(bins));
  s.histogramCounts.assign(std::size_t(bins), 0);
  for (double x : d) ++s.histogramCounts[std::min(std::size_t(bins) - 1, std::size_t(x / top * double(bins)))];
  return s;
}

}  // namespace ssb::segment
