#pragma once
// Loops over the slabs of a box in parallel, and sums whose result does
// not depend on the thread count (partial sums per slab, added in slab
// order).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>
#include <vector>

namespace ssb::numerics {

// f(z) for every z in [0, nz), in parallel.
template <typename F>
void forSlabs(std::size_t nz, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nz), [&](const auto& r) {
    for (std::size_t z = r.begin(); z != r.end(); ++z) f(z);
  });
}

// The sum of partial(z) over z in [0, nz), in slab order.
template <typename F>
double sumSlabs(std::size_t nz, F&& partial) {
  std::vector<double> part(nz, 0.0);
  forSlabs(nz, [&](std::size_t z) { part[z] = partial(z); });
  double s = 0;
  for (double v : part) s += v;
  return s;
}

}  // namespace ssb::numerics
