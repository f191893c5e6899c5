#pragma once
// Physical constants, in SI units (CODATA 2018 exact values), and the cell
// temperature ssbvox assumes (docs/model.md: the reference study gives
// none; 298.15 K matches its R_GB of 3.7 ohm cm^2 from i_GB0 = 6.91e-3 A/cm^2).
namespace ssb::materials {

inline constexpr double kFaraday = 96485.33212;      // C/mol
inline constexpr double kGasConstant = 8.314462618;  // J/(mol K)
inline constexpr double kTemperature = 298.15;       // K

// Linearised Butler-Volmer grain-boundary resistance (the reference study's
// Eq. 1 for small overpotentials): R_GB = R T / (F i_GB0); i_GB0 in A/cm^2
// gives ohm cm^2.
inline double gbResistanceFromI0_ohm_cm2(double i0_A_per_cm2, double temperature = kTemperature) {
  return kGasConstant * temperature / (kFaraday * i0_A_per_cm2);
}

}  // namespace ssb::materials
