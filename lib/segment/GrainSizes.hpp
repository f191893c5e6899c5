#pragma once
// Grain size distribution as the reference study reports it (its Table S2
// and Fig. S3): equivalent sphere diameters d = (6 V / pi)^(1/3).
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"

namespace ssb::segment {

struct GrainSizes {
  std::vector<double> diameter_um;  // per grain id 1..K (index 0 unused)
  double mean_um = 0;               // number-weighted mean
  double volumeWeightedMean_um = 0;  // sum V d / sum V
  double sauterMean_um = 0;          // d32 = sum d^3 / sum d^2 (volume over surface of the equivalent spheres)
  double d10_um = 0, d50_um = 0, d90_um = 0;  // number percentiles (linear interpolation)
  std::vector<double> histogramEdges_um;      // bin edges
  std::vector<std::uint64_t> histogramCounts; // grains per bin
};

GrainSizes grainSizes(const core::Grid<std::uint32_t>& grain, std::uint32_t grains, int bins = 20);

}  // namespace ssb::segment
