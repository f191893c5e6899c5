#pragma once
// A function of the lithiation x = c / c_max given by a table of a material
// file (open_circuit_voltage, conductivity_vs_x, diffusivity_vs_x), with
// its derivative for Newton's method. Interpolation:
//  - Pchip: monotone piecewise-cubic Hermite interpolation (Fritsch &
//    Carlson, SIAM J. Numer. Anal. 17, 238, 1980), with the slopes of
//    Moler's pchip (weighted harmonic means inside, the shape-preserving
//    three-point formula at the ends), as scipy's PchipInterpolator: no
//    overshoot between nodes, exact at them;
//  - LogLinear: linear in log10 of the value (for quantities that span
//    decades, docs/model.md);
//  - Linear.
// Beyond the table's ends the value is the end value (constant) and the
// derivative zero.
#include <string>
#include <vector>

namespace ssb::materials {

class Table {
 public:
  enum class Interpolation { Pchip, LogLinear, Linear };

  Table() = default;
  // x strictly increasing, at least two nodes, values finite (positive for
  // LogLinear); throws std::invalid_argument otherwise.
  Table(std::vector<double> x, std::vector<double> values, Interpolation interpolation);

  bool empty() const { return x_.empty(); }
  double operator()(double x) const;
  double derivative(double x) const;
  const std::vector<double>& x() const { return x_; }
  const std::vector<double>& values() const { return y_; }
  Interpolation interpolation() const { return kind_; }

 private:
  std::size_t interval(double x) const;  // k with x_k <= x < x_{k+1}, inside the range
  std::vector<double> x_, y_, slope_;    // slope_: PCHIP node derivatives (of log10 y for LogLinear: unused)
  Interpolation kind_ = Interpolation::Linear;
};

}  // namespace ssb::materials
