#pragma once
// Filling the ghost layer of a box's vectors (Layout.hpp): the face ghosts
// (not edges or corners, which the 7-point operator never reads) take the
// values of the cells they stand for, across periodic sides and from other
// processes. Ghosts beyond a side that is not periodic stay zero.
//
// LocalHalo serves a box that is its whole level (one process): it copies
// within the box, and can do so for one slab alone, which lets the
// shared-memory smoother refresh a slab right after updating it
// (Multigrid.cpp). The distributed halo (parallel/PetscHalo.hpp) exchanges
// with the other processes.
#include <cstddef>
#include <memory>

#include "numerics/Layout.hpp"

namespace ssb::numerics {

class Halo {
 public:
  virtual ~Halo() = default;
  virtual void exchange(float* v) const = 0;
  virtual void exchange(double* v) const = 0;
  // Whether ghosts can be refreshed one local slab at a time (only the x
  // and y ghosts of that slab are then refreshed: the box has no z ghost
  // that another slab of another process would fill).
  virtual bool slabLocal() const { return false; }
  virtual void exchangeSlab(float*, std::size_t) const {}
  virtual void exchangeSlab(double*, std::size_t) const {}
};

// For a box that is its whole level: periodic x and y ghosts copied from
// the opposite side; z ghosts (the z ends of the level) stay zero.
class LocalHalo : public Halo {
 public:
  LocalHalo(const Box& box, const BoundaryConditions& conditions);
  void exchange(float* v) const override;
  void exchange(double* v) const override;
  bool slabLocal() const override { return true; }
  void exchangeSlab(float* v, std::size_t z) const override;
  void exchangeSlab(double* v, std::size_t z) const override;

 private:
  template <typename T>
  void slab(T* v, std::size_t z) const;
  template <typename T>
  void all(T* v) const;
  Box box_;
  bool periodicY_, periodicX_;
};

// Makes the halo of each level's box: one per level of a hierarchy.
class HaloFactory {
 public:
  virtual ~HaloFactory() = default;
  virtual std::unique_ptr<Halo> make(const Box& box, const BoundaryConditions& conditions) const = 0;
};

class LocalHaloFactory : public HaloFactory {
 public:
  std::unique_ptr<Halo> make(const Box& box, const BoundaryConditions& conditions) const override {
    return std::make_unique<LocalHalo>(box, conditions);
  }
};

}  // namespace ssb::numerics
