#pragma once
// Connected components of the voxels of one value (a phase, a mask), the
// one routine ssbvox uses for clusters, percolation and watershed markers.
//
// It works on runs of cells: each row (z, y) is cut into runs of
// consecutive cells of the value, and runs are joined (union-find) where
// they touch a run of a neighbouring row, or meet across a periodic side.
// A 31 M voxel structure has some 10^6 runs, so the union-find stays small
// and the labels need no per-voxel pass until a caller asks for them. Rows
// are scanned and joined in parallel over runs of slabs, the joins across
// the slab runs' borders after; roots are the smallest run index, so the
// result does not depend on the thread count. Components are numbered
// 0, 1, ... in the raster order of their first voxel.
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::geometry {

// Faces: 6-connected (cells sharing a face). Full: 26-connected (a face,
// an edge or a corner).
enum class Connectivity { Faces, Full };

class Components {
 public:
  // The components of the cells with cells[i] == value over a box of
  // `shape` (C order), x and y periodic or bounded as `sides` says.
  Components(const std::uint8_t* cells, const core::Shape& shape, std::uint8_t value, core::Sides sides,
             Connectivity connectivity = Connectivity::Faces);
  Components(const core::Grid<std::uint8_t>& grid, std::uint8_t value, core::Sides sides,
             Connectivity connectivity = Connectivity::Faces)
      : Components(grid.data(), grid.shape(), value, sides, connectivity) {}

  std::uint32_t count() const { return count_; }
  // Voxels per component.
  std::vector<std::uint64_t> sizes() const;
  // Per component: 1 if it has a voxel in slab z.
  std::vector<std::uint8_t> touchingSlab(std::size_t z) const;
  // 1 + the component of each voxel of the value, 0 elsewhere.
  core::Grid<std::uint32_t> labels(double voxelSize_m) const;
  // 1 on the voxels of the components c with keep[c] != 0, 0 elsewhere.
  std::vector<std::uint8_t> cellsOf(const std::vector<std::uint8_t>& keep) const;
  // Flat voxel indices of each component, in raster order.
  std::vector<std::vector<std::size_t>> voxelLists() const;

 private:
  template <typename F>
  void forEachRun(F&& f) const;  // f(row, xBegin, xEnd, component), rows in parallel

  core::Shape shape_;
  std::vector<std::uint32_t> first_;          // per row: its first run; rows + 1 entries
  std::vector<std::uint32_t> begin_, end_;    // per run: [begin, end) in x
  std::vector<std::uint32_t> component_;      // per run
  std::uint32_t count_ = 0;
};

// The cells of `value` in components that touch both z faces (slab 0 and
// slab nz - 1): the cells a current between the two faces can flow through.
std::vector<std::uint8_t> spanningCells(const core::Grid<std::uint8_t>& grid, std::uint8_t value,
                                        core::Sides sides);

}  // namespace ssb::geometry
