#include "numerics/Halo.hpp"

#include <stdexcept>

#include "numerics/Parallel.hpp"

namespace ssb::numerics {

LocalHalo::LocalHalo(const Box& box, const BoundaryConditions& conditions)
    : box_(box), periodicY_(conditions.periodic(1)), periodicX_(conditions.periodic(2)) {
  if (!box.whole()) throw std::invalid_argument("LocalHalo: the box is not its whole level");
}

template <typename T>
void LocalHalo::slab(T* v, std::size_t z) const {
  const Box& b = box_;
  const long my = long(b.my()), mx = long(b.mx()), lz = long(z);
  if (periodicX_)
    for (long y = 0; y < my; ++y) {
      T* r = v + b.at(lz, y, 0);
      r[-1] = r[mx - 1];
      r[mx] = r[0];
    }
  if (periodicY_) {
    T* first = v + b.at(lz, 0, 0);
    T* last = v + b.at(lz, my - 1, 0);
    const std::ptrdiff_t sy = std::ptrdiff_t(b.sy());
    for (long x = 0; x < mx; ++x) {
      first[x - sy] = last[x];
      last[x + sy] = first[x];
    }
  }
}

template <typename T>
void LocalHalo::all(T* v) const {
  forSlabs(box_.mz(), [&](std::size_t z) { slab(v, z); });
}

void LocalHalo::exchange(float* v) const { all(v); }
void LocalHalo::exchange(double* v) const { all(v); }
void LocalHalo::exchangeSlab(float* v, std::size_t z) const { slab(v, z); }
void LocalHalo::exchangeSlab(double* v, std::size_t z) const { slab(v, z); }

}  // namespace ssb::numerics
