#pragma once
// Where the cells of a voxel problem live: the extent of each multigrid
// level, the split of a level between processes, and the memory layout of
// one process's part of it (its box).
//
// A box is stored with one ghost layer on every side: local coordinates
// run from -1 to m (m owned cells along the axis), so every owned cell has
// all six neighbours in memory and no kernel treats a side specially. The
// ghost layer holds
//  - copies of the cells across a periodic side or of another process's
//    cells (a Halo fills them), or
//  - nothing (zero) beyond a side that is not periodic.
// Face arrays use the same layout, indexed by the lower cell: the face
// between local cells k and k + 1 along an axis sits at k, so the ghost
// position -1 holds the low boundary face of the first owned cell.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ssb::numerics {

// Cells along z, y, x.
struct Extent {
  std::size_t nz = 0, ny = 0, nx = 0;
  std::size_t size() const { return nz * ny * nx; }
  std::size_t along(int axis) const { return axis == 0 ? nz : axis == 1 ? ny : nx; }
  bool operator==(const Extent& o) const { return nz == o.nz && ny == o.ny && nx == o.nx; }
  bool operator!=(const Extent& o) const { return !(*this == o); }
};

// What lies beyond each side of the box.
//  Periodic: the opposite side (both sides of an axis);
//  Insulated: nothing, no flux;
//  Neumann: a given flux through the side (it enters the right-hand side);
//  Dirichlet: a given value, reached through the side's face conductances.
// For the operator only "periodic or not" matters: a Dirichlet side is a
// face conductance to a ghost held at zero, whose value moves to the
// right-hand side (Boundaries.hpp); an insulated or Neumann side has no
// face conductance.
enum class Boundary : std::uint8_t { Periodic, Insulated, Neumann, Dirichlet };

struct BoundaryConditions {
  // [axis][0]: the low side (coordinate 0), [axis][1]: the high side; axis 0 z, 1 y, 2 x.
  std::array<std::array<Boundary, 2>, 3> side{{{Boundary::Insulated, Boundary::Insulated},
                                              {Boundary::Periodic, Boundary::Periodic},
                                              {Boundary::Periodic, Boundary::Periodic}}};
  bool periodic(int axis) const { return side[std::size_t(axis)][0] == Boundary::Periodic; }
  // Throws std::invalid_argument where one side of an axis is periodic and the other not.
  void check() const;
};

// Processes along z, y, x (their product is the number of processes).
struct ProcessGrid {
  int q = 1, n = 1, m = 1;  // along z, y, x
  int size() const { return q * n * m; }
};

// Processes along each axis for `processes` processes on a grid of
// `extent`: each process gets at least one cell along each axis, and the
// local boxes are as compact as possible (the smallest surface, which the
// ghost exchange moves). Throws std::invalid_argument where the grid is too
// small for the processes.
ProcessGrid chooseProcessGrid(const Extent& extent, int processes);

// The extents of the multigrid levels, finest first: 2 x 2 x 2 cells joined
// per level (sizes rounded up) down to at most 512 cells or 2 slabs, and
// never so far that a process of `grid` would be left without a cell.
std::vector<Extent> levelExtents(const Extent& fine, const ProcessGrid& grid = {}, bool coarsen = true);

// One process's part of one level, and its ghosted memory layout.
struct Box {
  Extent global;                    // the level's extent
  std::array<std::size_t, 3> start{};  // first owned cell, global z, y, x
  std::array<std::size_t, 3> count{};  // owned cells along z, y, x

  std::size_t mz() const { return count[0]; }
  std::size_t my() const { return count[1]; }
  std::size_t mx() const { return count[2]; }
  std::size_t owned() const { return mz() * my() * mx(); }
  // Strides of the ghosted layout and its size.
  std::size_t sy() const { return mx() + 2; }
  std::size_t sz() const { return (mx() + 2) * (my() + 2); }
  std::size_t size() const { return (mz() + 2) * sz(); }
  // Index of local cell (z, y, x), each coordinate in [-1, m].
  std::size_t at(long z, long y, long x) const {
    return std::size_t(z + 1) * sz() + std::size_t(y + 1) * sy() + std::size_t(x + 1);
  }
  // Index of the first owned cell of local row (z, y).
  std::size_t row(std::size_t z, std::size_t y) const { return (z + 1) * sz() + (y + 1) * sy() + 1; }
  // The box holds the whole level (one process).
  bool whole() const { return owned() == global.size(); }
  bool operator==(const Box& o) const { return global == o.global && start == o.start && count == o.count; }
};

// The box of process `rank` (ranks numbered with x fastest) on each level.
// Each level's split is the coarsest level's split scaled by 2 per level,
// so the children of a process's coarse cells are its own fine cells and
// the transfers between levels never communicate.
std::vector<Box> levelBoxes(const std::vector<Extent>& levels, const ProcessGrid& grid, int rank);

// The whole level as one box (one process).
inline Box wholeBox(const Extent& e) { return Box{e, {0, 0, 0}, {e.nz, e.ny, e.nx}}; }

}  // namespace ssb::numerics
