#pragma once
// The interface laws of the discharge model (docs/model.md, "discharge"),
// and the current through a face that carries one of them in series with
// an ohmic resistance (the two half voxels beside it).
//
//  - Butler-Volmer: i = i0 [exp(alpha f eta) - exp(-(1 - alpha) f eta)],
//    f = F / (R T), positive for eta > 0 (anodic: charge from the solid
//    to the electrolyte). SE-CAM faces and the Li anode.
//  - Grain boundary (the reference study's Eq. 1, in volts):
//    i = i_GB0 [exp(f dphi / 2) - exp(-f dphi / 2)] = 2 i_GB0 sinh(f dphi / 2).
//
// A face law in series with a resistance r (ohm m^2) between two cell
// centres: the driving difference d (volts: phi_s - phi_e - U0 at an
// SE-CAM face, phi_A - phi_B at a grain boundary) splits into the law's
// own drop and r i, so i solves
//
//   i = law(d - r i),
//
// a scalar equation with one root (law is increasing), found by Newton's
// method safeguarded by bisection. The same current then enters both cells.
// SI units throughout.
#include <cmath>

namespace ssb::echem {

// Butler-Volmer with exchange current density i0 (A/m^2), transfer
// coefficient alpha and f = F/(RT) (1/V).
struct ButlerVolmer {
  double i0 = 0, alpha = 0.5, f = 0;
  double current(double eta) const;      // A/m^2
  double slope(double eta) const;        // di/deta, S/m^2
};

// The grain-boundary law of exchange current density i0 (A/m^2).
struct GrainBoundaryLaw {
  double i0 = 0, f = 0;
  double current(double dphi) const { return 2 * i0 * std::sinh(0.5 * f * clampedArgument(dphi)); }
  double slope(double dphi) const { return i0 * f * std::cosh(0.5 * f * clampedArgument(dphi)); }

 private:
  double clampedArgument(double dphi) const;  // keeps the exponentials finite
};

// The current through a face whose law is in series with r (ohm m^2), for
// a driving difference d: the current and its derivative di/dd =
// g / (1 + g r) with g the law's slope at the solution.
struct SeriesFace {
  double current = 0;
  double slope = 0;        // di/dd
  double lawSlope = 0;     // the law's own slope g at the solution
};

template <typename Law>
SeriesFace solveSeries(const Law& law, double d, double r);

// --- Definitions. ----------------------------------------------------------

namespace detail {
// exp() whose argument is kept below the double range's limit: a face
// several volts from equilibrium carries an enormous but finite current.
inline double safeExp(double a) { return std::exp(a > 600.0 ? 600.0 : (a < -600.0 ? -600.0 : a)); }
}  // namespace detail

inline double ButlerVolmer::current(double eta) const {
  if (i0 == 0) return 0.0;
  return i0 * (detail::safeExp(alpha * f * eta) - detail::safeExp(-(1 - alpha) * f * eta));
}

inline double ButlerVolmer::slope(double eta) const {
  if (i0 == 0) return 0.0;
  return i0 * f * (alpha * detail::safeExp(alpha * f * eta) + (1 - alpha) * detail::safeExp(-(1 - alpha) * f * eta));
}

inline double GrainBoundaryLaw::clampedArgument(double dphi) const {
  const double limit = 1200.0 / f;  // 0.5 f dphi within +-600
  return dphi > limit ? limit : (dphi < -limit ? -limit : dphi);
}

template <typename Law>
SeriesFace solveSeries(const Law& law, double d, double r) {
  SeriesFace s;
  if (r <= 0) {
    s.current = law.current(d);
    s.lawSlope = law.slope(d);
    s.slope = s.lawSlope;
    return s;
  }
  // h(i) = i - law(d - r i) increases with i; its root lies between 0 and
  // d / r (where the law's drop would be zero).
  double lo = std::fmin(0.0, d / r), hi = std::fmax(0.0, d / r);
  double i = law.current(d);                 // the law without the series resistance: an upper bound of |i|
  if (!(i > lo && i < hi)) i = 0.5 * (lo + hi);
  for (int k = 0; k < 200; ++k) {
    const double eta = d - r * i;
    const double h = i - law.current(eta), dh = 1 + r * law.slope(eta);
    if (h > 0) hi = i; else lo = i;
    double next = i - h / dh;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // a Newton step outside the bracket: bisect
    if (std::abs(next - i) <= 1e-14 * std::fmax(1.0, std::abs(i)) || hi - lo <= 1e-15 * std::fmax(1.0, std::abs(i))) {
      i = next;
      break;
    }
    i = next;
  }
  s.current = i;
  s.lawSlope = law.slope(d - r * i);
  s.slope = s.lawSlope / (1 + s.lawSlope * r);
  return s;
}

}  // namespace ssb::echem
