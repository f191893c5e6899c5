#include "numerics/Multigrid.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <stdexcept>

namespace ssb::numerics {

Multigrid::Multigrid(const VoxelOperator& fine, const std::vector<Box>& boxes, const HaloFactory& halos,
                     const MultigridOptions& options)
    : options_(options) {
  if (boxes.empty() || !(boxes[0] == fine.box()))
    throw std::invalid_argument("Multigrid: the first box must be the fine operator's");
  Level f;
  f.op = &fine;
  f.halo = halos.make(fine.box(), fine.conditions());
  levels_.push_back(std::move(f));
  for (std::size_t k = 1; k < boxes.size(); ++k) {
    Level c;
    c.owned = std::make_unique<VoxelOperator>(levels_.back().op->coarsened(boxes[k]));
    c.op = c.owned.get();
    c.halo = halos.make(boxes[k], fine.conditions());
    for (Field<float>* v : {&c.x, &c.b, &c.r, &c.x2, &c.b2}) *v = makeField<float>(boxes[k]);
    levels_.push_back(std::move(c));
  }
}

void Multigrid::apply(const float* r, float* z) { cycle(0, r, z); }

namespace {

// One symmetric pair of half sweeps, colour `first` then the other, on a
// box whose ghosts are refreshed slab by slab (LocalHalo), fused into one
// pass over the slabs: the second colour on slab z - 1 follows the first
// colour on slab z, when all its first-colour neighbours are new. Each task
// takes a run of slabs; the second colour on a run's two end slabs, whose
// neighbours belong to other tasks, waits for a second, short phase.
void fusedPair(const VoxelOperator& A, const Halo& halo, const float* b, float* x, int first) {
  const int second = 1 - first;
  const std::size_t nz = A.box().mz(), runs = std::clamp<std::size_t>(nz / 16, 1, 32);
  auto runStart = [&](std::size_t r) { return r * nz / runs; };
  auto sweep = [&](int colour, std::size_t z) {
    gaussSeidelSlab(A, b, x, colour, z);
    halo.exchangeSlab(x, z);
  };
  tbb::parallel_for(std::size_t(0), runs, [&](std::size_t r) {
    const std::size_t z0 = runStart(r), z1 = runStart(r + 1);
    for (std::size_t z = z0; z < z1; ++z) {
      sweep(first, z);
      if (z >= z0 + 2) sweep(second, z - 1);
    }
  });
  tbb::parallel_for(std::size_t(0), runs, [&](std::size_t r) {
    const std::size_t z0 = runStart(r), z1 = runStart(r + 1);
    if (z1 > z0) sweep(second, z0);
    if (z1 > z0 + 1) sweep(second, z1 - 1);
  });
}

// The same pair as two passes with a halo exchange after each (boxes
// shared with other processes).
void separatePair(const VoxelOperator& A, const Halo& halo, const float* b, float* x, int first) {
  for (int colour : {first, 1 - first}) {
    forSlabs(A.box().mz(), [&](std::size_t z) { gaussSeidelSlab(A, b, x, colour, z); });
    halo.exchange(x);
  }
}

}  // namespace

void Multigrid::smooth(std::size_t k, const float* b, float* x, int pairs, bool pre) {
  const Level& L = levels_[k];
  const Box& box = L.op->box();
  if (pre) {  // from zero, ghosts included (so they need no exchange)
    const std::size_t sz = box.sz();
    forSlabs(box.mz() + 2, [&](std::size_t z) { std::fill(x + z * sz, x + (z + 1) * sz, 0.0f); });
  }
  const int first = pre ? 0 : 1;
  for (int s = 0; s < pairs; ++s) {
    if (L.halo->slabLocal()) fusedPair(*L.op, *L.halo, b, x, first);
    else separatePair(*L.op, *L.halo, b, x, first);
  }
}

void Multigrid::cycle(std::size_t k, const float* b, float* x) {
  if (k + 1 == levels_.size()) {  // coarsest: many sweeps (a fixed, symmetric polynomial)
    smooth(k, b, x, options_.coarsestSweeps, true);
    smooth(k, b, x, options_.coarsestSweeps, false);
    return;
  }
  Level& L = levels_[k];
  Level& C = levels_[k + 1];
  smooth(k, b, x, options_.smoothingSweeps, true);
  restrictResidual(*L.op, b, x, *C.op, C.b.data());
  cycle(k + 1, C.b.data(), C.x.data());
  for (int g = 1; g < options_.coarseCycles && k + 2 < levels_.size(); ++g) {  // W: correct the coarse solution again
    numerics::apply(*C.op, C.x.data(), C.r.data());
    const Box& cb = C.op->box();
    forSlabs(cb.mz(), [&](std::size_t z) {
      for (std::size_t y = 0; y < cb.my(); ++y)
        for (std::size_t i = cb.row(z, y); i < cb.row(z, y) + cb.mx(); ++i) C.b2[i] = C.b[i] - C.r[i];
    });
    cycle(k + 1, C.b2.data(), C.x2.data());
    forSlabs(C.x.size(), [&](std::size_t i) { C.x[i] += C.x2[i]; });  // ghosts too: both are filled
  }
  prolongAdd(*L.op, *C.op, C.x.data(), x);
  L.halo->exchange(x);
  smooth(k, b, x, options_.smoothingSweeps, false);  // the mirror image of the pre-smoothing (symmetric)
}

}  // namespace ssb::numerics
