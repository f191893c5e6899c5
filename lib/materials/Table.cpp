#include "materials/Table.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ssb::materials {

namespace {
int sign(double v) { return (v > 0) - (v < 0); }
}  // namespace

Table::Table(std::vector<double> x, std::vector<double> values, Interpolation interpolation)
    : x_(std::move(x)), y_(std::move(values)), kind_(interpolation) {
  if (x_.size() < 2 || x_.size() != y_.size())
    throw std::invalid_argument("a table needs at least two nodes and one value per node");
  for (std::size_t k = 0; k < x_.size(); ++k) {
    if (!std::isfinite(x_[k]) || !std::isfinite(y_[k])) throw std::invalid_argument("table values must be finite");
    if (k > 0 && !(x_[k] > x_[k - 1])) throw std::invalid_argument("table x must increase strictly");
    if (kind_ == Interpolation::LogLinear && !(y_[k] > 0))
      throw std::invalid_argument("a log_linear table needs positive values");
  }
  if (kind_ != Interpolation::Pchip) return;
  // Moler's pchip slopes (as scipy's PchipInterpolator).
  const std::size_t n = x_.size();
  std::vector<double> h(n - 1), m(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    h[k] = x_[k + 1] - x_[k];
    m[k] = (y_[k + 1] - y_[k]) / h[k];
  }
  slope_.assign(n, 0.0);
  if (n == 2) {
    slope_[0] = slope_[1] = m[0];
    return;
  }
  for (std::size_t k = 1; k + 1 < n; ++k) {
    if (sign(m[k - 1]) * sign(m[k]) <= 0) continue;  // a local extremum or a flat piece: slope 0
    const double w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1];
    slope_[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
  }
  auto edge = [](double h0, double h1, double m0, double m1) {
    double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
    if (sign(d) != sign(m0)) d = 0;
    else if (sign(m0) != sign(m1) && std::abs(d) > 3 * std::abs(m0)) d = 3 * m0;
    return d;
  };
  slope_[0] = edge(h[0], h[1], m[0], m[1]);
  slope_[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
}

std::size_t Table::interval(double x) const {
  const auto it = std::upper_bound(x_.begin(), x_.end(), x);
  return std::min<std::size_t>(std::size_t(it - x_.begin()) - 1, x_.size() - 2);
}

double Table::operator()(double x) const {
  if (!(x > x_.front())) return y_.front();
  if (!(x < x_.back())) return y_.back();
  const std::size_t k = interval(x);
  const double h = x_[k + 1] - x_[k], t = (x - x_[k]) / h;
  switch (kind_) {
    case Interpolation::Linear: return y_[k] + t * (y_[k + 1] - y_[k]);
    case Interpolation::LogLinear: {
      const double a = std::log10(y_[k]), b = std::log10(y_[k + 1]);
      return std::pow(10.0, a + t * (b - a));
    }
    case Interpolation::Pchip: {
      const double t2 = t * t, t3 = t2 * t;
      return (2 * t3 - 3 * t2 + 1) * y_[k] + (t3 - 2 * t2 + t) * h * slope_[k] + (-2 * t3 + 3 * t2) * y_[k + 1] +
             (t3 - t2) * h * slope_[k + 1];
    }
  }
  return 0.0;
}

double Table::derivative(double x) const {
  if (!(x > x_.front()) || !(x < x_.back())) return 0.0;
  const std::size_t k = interval(x);
  const double h = x_[k + 1] - x_[k], t = (x - x_[k]) / h;
  switch (kind_) {
    case Interpolation::Linear: return (y_[k + 1] - y_[k]) / h;
    case Interpolation::LogLinear:
      return (*this)(x) * std::log(10.0) * (std::log10(y_[k + 1]) - std::log10(y_[k])) / h;
    case Interpolation::Pchip: {
      const double t2 = t * t;
      return ((6 * t2 - 6 * t) * y_[k] + (3 * t2 - 4 * t + 1) * h * slope_[k] + (-6 * t2 + 6 * t) * y_[k + 1] +
              (3 * t2 - 2 * t) * h * slope_[k + 1]) /
             h;
    }
  }
  return 0.0;
}

}  // namespace ssb::materials
