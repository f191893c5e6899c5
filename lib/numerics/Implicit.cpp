#include "numerics/Implicit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ssb::numerics {

double ownedDot(const Box& box, const BlockVector& a, const BlockVector& b) {
  return sumSlabs(box.mz(), [&](std::size_t z) {
    double acc = 0;
    for (std::size_t c = 0; c < a.size(); ++c)
      for (std::size_t y = 0; y < box.my(); ++y)
        for (std::size_t i = box.row(z, y); i < box.row(z, y) + box.mx(); ++i) acc += a[c][i] * b[c][i];
    return acc;
  });
}

void applyBordered(const BorderedOperator& J, const BlockVector& x, double s, BlockVector& y, double& ys,
                   const std::function<double(double)>& sum) {
  J.A.apply(x, y);
  const Box& box = J.A.box();
  forSlabs(box.mz(), [&](std::size_t z) {
    for (std::size_t c = 0; c < y.size(); ++c)
      for (std::size_t yy = 0; yy < box.my(); ++yy)
        for (std::size_t i = box.row(z, yy); i < box.row(z, yy) + box.mx(); ++i) y[c][i] += J.column[c][i] * s;
  });
  ys = sum(ownedDot(box, J.row, x)) + J.corner * s;
}

BorderedPreconditioner::BorderedPreconditioner(const BorderedOperator& J, const std::vector<Box>& boxes,
                                               const HaloFactory& halos, const std::function<double(double)>& sum,
                                               const std::function<double(double)>& maximum,
                                               const MultigridOptions& options)
    : J_(J), mg_(J.A, boxes, halos, options), w_(makeBlockVector(J.A.box(), J.A.components())), sum_(sum) {
  // M^-1 c with c scaled to unit size first: the multigrid runs in single
  // precision, where a column of tiny entries (a cell whose every interface
  // is near saturation) would underflow.
  const Box& box = J.A.box();
  double largest = 0;
  for (const auto& field : J.column)
    for (std::size_t z = 0; z < box.mz(); ++z)
      for (std::size_t y = 0; y < box.my(); ++y)
        for (std::size_t i = box.row(z, y); i < box.row(z, y) + box.mx(); ++i)
          largest = std::max(largest, std::abs(field[i]));
  largest = maximum(largest);
  if (largest > 0) {
    BlockVector scaled = J.column;
    for (auto& field : scaled)
      for (double& v : field) v /= largest;
    mg_.apply(scaled, w_);
    for (auto& field : w_)
      for (double& v : field) v *= largest;
  }
  schur_ = J.corner - sum_(ownedDot(box, J.row, w_));
}

void BorderedPreconditioner::apply(const BlockVector& f, double g, BlockVector& z, double& zs) {
  mg_.apply(f, z);
  const Box& box = J_.A.box();
  zs = schur_ != 0 ? (g - sum_(ownedDot(box, J_.row, z))) / schur_ : std::numeric_limits<double>::quiet_NaN();
  const std::size_t sz = box.sz();
  forSlabs(box.mz() + 2, [&](std::size_t zz) {
    for (std::size_t c = 0; c < z.size(); ++c)
      for (std::size_t i = zz * sz; i < (zz + 1) * sz; ++i) z[c][i] -= w_[c][i] * zs;
  });
}

}  // namespace ssb::numerics
