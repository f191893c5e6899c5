#pragma once
// The reference study's performance indicators of a discharged cell
// (docs/model.md, "evalenergy"; the study's Eqs. 7 to 10), per geometric
// area of the cell, in the units the study prints them in.
//
//  - C_grav = C / (V_CAM rho_CAM) (Eq. 7), C the capacity to the cut-off;
//  - C_theo = (c_max - c_0) F / rho_CAM (Eq. 8), C_norm = C_grav / C_theo;
//  - E_grav = int i U dt / (m_An + m_Sep + m_Ca) (Eq. 9), the anode's mass
//    from n/p = 1: m_An = C_theo m_CAM / C_theo,Li (Eq. 10), with
//    C_theo,Li = 3861 mAh/g; current collectors and housing excluded;
//  - the utilisation of each slice, (mean x - x_0) / (1 - x_0), and the
//    histogram of x over the CAM voxels (the study's Figs. 5, 8b).
#include <cstdint>
#include <vector>

namespace ssb::energy {

inline constexpr double kLithiumTheoreticalCapacity_mAh_per_g = 3861.0;  // Table S4

// The cell's masses per geometric area, mg/cm^2.
struct CellMasses {
  double cam = 0, se = 0, separator = 0, anode = 0;
  double cathode() const { return cam + se; }  // pores massless
  double total() const { return cam + se + separator + anode; }
};

// (c_max - c_0) F / rho, mAh/g; concentrations in mol/cm^3, rho in g/cm^3.
double theoreticalCapacity_mAh_per_g(double cMax_mol_per_cm3, double c0_mol_per_cm3, double density_g_per_cm3);

// Capacity per CAM mass from capacity per area and CAM mass per area.
double gravimetricCapacity_mAh_per_g(double capacity_mAh_per_cm2, double camMass_mg_per_cm2);

// Masses per area from the phases' thicknesses (volume per area, um) and
// densities (g/cm^3); the anode by n/p = 1 (Eq. 10), from its specific
// capacity (Li metal's by default; the anode's material file gives it).
CellMasses cellMasses(double camThickness_um, double camDensity, double seThickness_um, double seDensity,
                      double separatorThickness_um, double separatorDensity, double camTheoretical_mAh_per_g,
                      double anodeCapacity_mAh_per_g = kLithiumTheoreticalCapacity_mAh_per_g);

// int i U dt by the trapezoidal rule over the curve (t in s, U in V, i in
// mA/cm^2), in mWh/cm^2.
double energy_mWh_per_cm2(const std::vector<double>& time_s, const std::vector<double>& voltage_V,
                          const std::vector<double>& current_mA_per_cm2);

// Energy per cell mass, Wh/kg (Eq. 9).
double specificEnergy_Wh_per_kg(double energy_mWh_per_cm2, const CellMasses& masses);

// Per slice z (the first index of a grid of nz x layer values): the CAM's
// utilisation (mean x - x0) / (1 - x0), NaN where a slice has no CAM.
// `isCam` marks the CAM voxels, `lithiation` their x.
std::vector<double> utilisationProfile(const std::vector<std::uint8_t>& isCam, const std::vector<double>& lithiation,
                                       std::size_t nz, double x0);

// Counts of CAM voxels' x in `bins` equal bins over [0, 1] (x = 1 in the last).
std::vector<std::uint64_t> lithiationHistogram(const std::vector<std::uint8_t>& isCam,
                                               const std::vector<double>& lithiation, std::size_t bins);

}  // namespace ssb::energy
