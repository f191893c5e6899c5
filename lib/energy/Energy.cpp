#include "energy/Energy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "materials/Constants.hpp"

namespace ssb::energy {

double theoreticalCapacity_mAh_per_g(double cMax, double c0, double density) {
  return (cMax - c0) * materials::kFaraday / density / 3.6;  // C/g -> mAh/g
}

double gravimetricCapacity_mAh_per_g(double capacity_mAh_per_cm2, double camMass_mg_per_cm2) {
  return camMass_mg_per_cm2 > 0 ? capacity_mAh_per_cm2 / (camMass_mg_per_cm2 * 1e-3) : 0.0;
}

CellMasses cellMasses(double camThickness_um, double camDensity, double seThickness_um, double seDensity,
                      double separatorThickness_um, double separatorDensity, double camTheoretical_mAh_per_g,
                      double anodeCapacity_mAh_per_g) {
  // A thickness of 1 um of a material of 1 g/cm^3 is 0.1 mg/cm^2.
  CellMasses m;
  m.cam = camThickness_um * camDensity * 0.1;
  m.se = seThickness_um * seDensity * 0.1;
  m.separator = separatorThickness_um * separatorDensity * 0.1;
  m.anode = camTheoretical_mAh_per_g * m.cam / anodeCapacity_mAh_per_g;
  return m;
}

double energy_mWh_per_cm2(const std::vector<double>& t, const std::vector<double>& u, const std::vector<double>& i) {
  if (t.size() != u.size() || t.size() != i.size()) throw std::invalid_argument("curve arrays of different lengths");
  double e = 0;  // mA s V / cm^2 = mJ/cm^2
  for (std::size_t k = 1; k < t.size(); ++k) e += 0.5 * (i[k] * u[k] + i[k - 1] * u[k - 1]) * (t[k] - t[k - 1]);
  return e / 3600.0;
}

double specificEnergy_Wh_per_kg(double energy_mWh_per_cm2, const CellMasses& m) {
  return m.total() > 0 ? energy_mWh_per_cm2 / m.total() * 1e3 : 0.0;  // mWh/mg = Wh/g; x 1e3 for Wh/kg
}

std::vector<double> utilisationProfile(const std::vector<std::uint8_t>& isCam, const std::vector<double>& x,
                                       std::size_t nz, double x0) {
  if (isCam.size() != x.size() || nz == 0 || x.size() % nz != 0)
    throw std::invalid_argument("utilisationProfile: the fields do not match the slices");
  const std::size_t layer = x.size() / nz;
  std::vector<double> profile(nz, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t z = 0; z < nz; ++z) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t k = z * layer; k < (z + 1) * layer; ++k)
      if (isCam[k]) {
        sum += x[k];
        ++n;
      }
    if (n > 0) profile[z] = (sum / double(n) - x0) / (1 - x0);
  }
  return profile;
}

std::vector<std::uint64_t> lithiationHistogram(const std::vector<std::uint8_t>& isCam, const std::vector<double>& x,
                                               std::size_t bins) {
  if (isCam.size() != x.size() || bins == 0) throw std::invalid_argument("lithiationHistogram: bad fields or bins");
  std::vector<std::uint64_t> counts(bins, 0);
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (!isCam[k]) continue;
    const double v = std::min(std::max(x[k], 0.0), 1.0);
    counts[std::min(bins - 1, std::size_t(v * double(bins)))]++;
  }
  return counts;
}

}  // namespace ssb::energy
