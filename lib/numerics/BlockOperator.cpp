#include "numerics/BlockOperator.hpp"

#include <stdexcept>

namespace ssb::numerics {

BlockVector makeBlockVector(const Box& box, std::size_t components) {
  BlockVector v;
  for (std::size_t c = 0; c < components; ++c) v.push_back(makeField<double>(box));
  return v;
}

BlockOperator::BlockOperator(std::vector<VoxelOperator> components) : ops_(std::move(components)) {
  if (ops_.empty()) throw std::invalid_argument("BlockOperator: no component");
  for (const auto& op : ops_)
    if (!(op.box() == ops_.front().box())) throw std::invalid_argument("BlockOperator: components on different boxes");
}

void BlockOperator::apply(const BlockVector& x, BlockVector& y) const {
  for (std::size_t c = 0; c < ops_.size(); ++c) numerics::apply(ops_[c], x[c].data(), y[c].data());
  for (const Coupling& k : couplings_) y[k.rowComponent][k.row] += k.value * x[k.colComponent][k.col];
}

BlockMultigrid::BlockMultigrid(const BlockOperator& A, const std::vector<Box>& boxes, const HaloFactory& halos,
                               const MultigridOptions& options)
    : lower_(A.components()), rf_(makeField<float>(A.box())), zf_(makeField<float>(A.box())) {
  std::vector<std::vector<std::pair<std::size_t, double>>> own(A.components());
  for (const Coupling& k : A.couplings()) {
    if (k.rowComponent == k.colComponent && k.row == k.col) {
      if (k.value > 0) own[k.rowComponent].push_back({k.row, k.value});
    } else if (k.colComponent < k.rowComponent) {
      lower_[k.rowComponent].push_back(k);
    }
  }
  for (std::size_t c = 0; c < A.components(); ++c) {
    const VoxelOperator* op = &A.component(c);
    if (!own[c].empty() && op->hasCellTerm()) {
      ops_.push_back(std::make_unique<VoxelOperator>(*op));
      for (const auto& [i, v] : own[c]) ops_.back()->cellTerm()[i] += float(v);
      ops_.back()->finish();
      op = ops_.back().get();
    }
    mg_.push_back(std::make_unique<Multigrid>(*op, boxes, halos, options));
  }
}

void BlockMultigrid::apply(const BlockVector& r, BlockVector& z) {
  const std::size_t n = rf_.size();
  for (std::size_t c = 0; c < mg_.size(); ++c) {
    forSlabs(n, [&](std::size_t i) { rf_[i] = float(r[c][i]); });
    for (const Coupling& k : lower_[c]) rf_[k.row] -= float(k.value * z[k.colComponent][k.col]);
    mg_[c]->apply(rf_.data(), zf_.data());
    forSlabs(n, [&](std::size_t i) { z[c][i] = zf_[i]; });
  }
}

}  // namespace ssb::numerics
