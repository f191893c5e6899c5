#include "numerics/BlockOperator.hpp"

#include <stdexcept>

#include "numerics/Parallel.hpp"

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

void BlockOperator::indexCouplingsBySlab(std::vector<std::size_t> start) {
  const Box& b = box();
  if (start.size() != b.mz() + 1 || start.front() != 0 || start.back() != couplings_.size())
    throw std::invalid_argument("BlockOperator: the slab index does not cover the couplings");
  for (std::size_t z = 0; z < b.mz(); ++z) {
    if (start[z] > start[z + 1]) throw std::invalid_argument("BlockOperator: the slab index decreases");
    const std::size_t first = b.row(z, 0), end = b.row(z, b.my() - 1) + b.mx();
    for (std::size_t k = start[z]; k < start[z + 1]; ++k)
      if (couplings_[k].row < first || couplings_[k].row >= end)
        throw std::invalid_argument("BlockOperator: a coupling's row lies outside its slab");
  }
  slabStart_ = std::move(start);
}

void BlockOperator::apply(const BlockVector& x, BlockVector& y) const {
  for (std::size_t c = 0; c < ops_.size(); ++c) numerics::apply(ops_[c], x[c].data(), y[c].data());
  auto add = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      const Coupling& c = couplings_[k];
      y[c.rowComponent][c.row] += c.value * x[c.colComponent][c.col];
    }
  };
  if (slabStart_.empty()) add(0, couplings_.size());
  else forSlabs(slabStart_.size() - 1, [&](std::size_t z) { add(slabStart_[z], slabStart_[z + 1]); });
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
