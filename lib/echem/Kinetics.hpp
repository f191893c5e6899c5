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

// An SE-CAM face whose surface Li fraction is not the voxel's (MODEL.md,
// "Resolution"; docs/model.md, "the sub-voxel surface"): Li crossing the
// face at current i (A/m^2, > 0 taking Li out of the CAM) diffuses through
// half a voxel of CAM to the voxel's centre, so the surface's vacancy
// fraction is the voxel's plus what that flux needs,
//
//   v_s = v + k i,  k = h / (2 F D c_max)  (m^2/A),
//
// the ghost-point extrapolation of second-order finite volumes (the 1D
// reference's own surface). The face law takes the surface's exchange
// current and open-circuit voltage:
//
//   i = i0max sqrt(x_s v_s) B(d - U0(x_s) - r i),  x_s = 1 - v_s,
//
// with d = phi_s - phi_e at the cell centres. Its root lies where v_s
// stays in [0, 1]: a surface about to fill (v_s -> 0) carries no current,
// so the flux into a voxel is bounded by what half a voxel can pass on to
// its centre. k = 0 is the voxel scheme (solveSeries) itself.
struct SurfaceFace {
  double current = 0;
  double surfaceVacancy = 0;  // v_s
  // Derivatives of the current: by d, by the voxel's v (at fixed k, r), by k, by r.
  double dDrive = 0, dVacancy = 0, dK = 0, dR = 0;
};

// `ocv(x, U, dUdx)` gives the open-circuit voltage and its slope at x;
// `regularisation` floors x v under the square root of i0's slope only.
template <typename Ocv>
SurfaceFace solveSurface(double i0max, double alpha, double f, const Ocv& ocv, double d, double v, double r,
                         double k, double regularisation);

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

template <typename Ocv>
SurfaceFace solveSurface(double i0max, double alpha, double f, const Ocv& ocv, double d, double v, double r,
                         double k, double regularisation) {
  SurfaceFace s;
  v = v < 0 ? 0.0 : (v > 1 ? 1.0 : v);
  // The law at the surface for a trial current: its value and the parts
  // of its derivatives.
  struct Eval {
    double law, i0, i0Slope, shape, shapeSlope, ocvSlope, vs;
  };
  auto evaluate = [&](double i) {
    Eval e;
    e.vs = v + k * i;
    e.vs = e.vs < 0 ? 0.0 : (e.vs > 1 ? 1.0 : e.vs);
    const double xs = 1 - e.vs;
    double u = 0;
    ocv(xs, u, e.ocvSlope);
    const double eta = d - u - r * i;
    e.i0 = i0max * std::sqrt(xs * e.vs);
    // d i0 / d v_s; at the table's ends the residual's i0 is clamped (constant).
    e.i0Slope = e.vs > 0 && e.vs < 1 ? i0max * (xs - e.vs) / (2 * std::sqrt(std::fmax(xs * e.vs, regularisation))) : 0.0;
    e.shape = detail::safeExp(alpha * f * eta) - detail::safeExp(-(1 - alpha) * f * eta);
    e.shapeSlope = f * (alpha * detail::safeExp(alpha * f * eta) + (1 - alpha) * detail::safeExp(-(1 - alpha) * f * eta));
    e.law = e.i0 * e.shape;
    return e;
  };
  // The voxel scheme's current starts Newton and gives the direction.
  double u0 = 0, slope0 = 0;
  ocv(1 - v, u0, slope0);
  const SeriesFace plain = solveSeries(ButlerVolmer{i0max * std::sqrt((1 - v) * v), alpha, f}, d - u0, r);
  double i = plain.current;
  if (k > 0 && i != 0) {
    // H(i) = i - law(i): negative where the surface is full or empty (no
    // exchange current), of the sign of the voxel scheme's current at 0.
    double lo = i < 0 ? -v / k : 0.0, hi = i < 0 ? 0.0 : (1 - v) / k;
    if (!(i > lo && i < hi)) i = 0.5 * (lo + hi);
    for (int it = 0; it < 200; ++it) {
      const Eval e = evaluate(i);
      const double h = i - e.law;
      const double dh = 1 - (e.i0Slope * k * e.shape + e.i0 * e.shapeSlope * (k * e.ocvSlope - r));
      if (h > 0) hi = i; else lo = i;
      double next = dh > 0 ? i - h / dh : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      const bool done = std::abs(next - i) <= 1e-14 * std::fmax(1.0, std::abs(i)) ||
                        hi - lo <= 1e-15 * std::fmax(1.0, std::abs(i));
      i = next;
      if (done) break;
    }
  } else if (k <= 0) {
    s.current = i;
    s.surfaceVacancy = v;
    s.dDrive = plain.slope;
    const double shape = detail::safeExp(alpha * f * (d - u0 - r * i)) - detail::safeExp(-(1 - alpha) * f * (d - u0 - r * i));
    const double i0Slope = v > 0 && v < 1 ? i0max * (1 - 2 * v) / (2 * std::sqrt(std::fmax((1 - v) * v, regularisation))) : 0.0;
    s.dVacancy = (plain.lawSlope * slope0 + shape * i0Slope) / (1 + plain.lawSlope * r);
    s.dK = i * s.dVacancy;
    s.dR = -plain.lawSlope * i / (1 + plain.lawSlope * r);
    return s;
  }
  // The implicit function's derivatives at the root: di/dp = (dlaw/dp) / H'(i).
  const Eval e = evaluate(i);
  const double g = e.i0 * e.shapeSlope;  // the law's slope by eta
  const double dh = 1 - (e.i0Slope * k * e.shape + g * (k * e.ocvSlope - r));
  const double byVacancy = e.i0Slope * e.shape + g * e.ocvSlope;  // dlaw/dv_s at fixed eta's other terms
  s.current = i;
  s.surfaceVacancy = e.vs;
  s.dDrive = g / dh;
  s.dVacancy = byVacancy / dh;
  s.dK = i * byVacancy / dh;
  s.dR = -g * i / dh;
  return s;
}

}  // namespace ssb::echem
