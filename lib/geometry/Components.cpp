#include "geometry/Components.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "core/DisjointSets.hpp"

namespace ssb::geometry {

namespace {

template <typename F>
void forRange(std::size_t count, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
  });
}

}  // namespace

Components::Components(const std::uint8_t* p, const core::Shape& shape, std::uint8_t which, core::Sides sides,
                       Connectivity connectivity)
    : shape_(shape) {
  const std::size_t nz = shape.nz, ny = shape.ny, nx = shape.nx, rows = nz * ny;
  const bool periodic = core::isPeriodic(sides), full = connectivity == Connectivity::Full;
  // Runs per row, then their [begin, end) in x, rows in order.
  first_.assign(rows + 1, 0);
  forRange(rows, [&](std::size_t row) {
    const std::uint8_t* c = p + row * nx;
    std::uint32_t k = 0;
    for (std::size_t x = 0; x < nx; ++x) k += c[x] == which && (x == 0 || c[x - 1] != which);
    first_[row + 1] = k;
  });
  for (std::size_t row = 0; row < rows; ++row) first_[row + 1] += first_[row];
  const std::size_t runs = first_[rows];
  begin_.resize(runs);
  end_.resize(runs);
  forRange(rows, [&](std::size_t row) {
    const std::uint8_t* c = p + row * nx;
    std::uint32_t k = first_[row];
    for (std::size_t x = 0; x < nx; ++x) {
      if (c[x] != which) continue;
      if (x == 0 || c[x - 1] != which) begin_[k] = std::uint32_t(x);
      if (x + 1 == nx || c[x + 1] != which) end_[k++] = std::uint32_t(x + 1);
    }
  });
  core::DisjointSets sets(runs);
  // Joins the runs of two different rows that touch: overlap in x (faces),
  // or lie at most one cell apart (full: across an edge or a corner, which
  // on a periodic x axis includes x = nx - 1 next to x = 0).
  auto joinRows = [&](std::size_t a, std::size_t b, bool diagonal) {
    const std::uint32_t a0 = first_[a], a1 = first_[a + 1], b0 = first_[b], b1 = first_[b + 1];
    std::uint32_t i = a0, j = b0;
    while (i < a1 && j < b1) {
      const bool touch = diagonal ? begin_[i] <= end_[j] && begin_[j] <= end_[i]
                                  : begin_[i] < end_[j] && begin_[j] < end_[i];
      if (touch) sets.unite(i, j);
      if (end_[i] < end_[j]) ++i; else ++j;
    }
    if (diagonal && periodic && nx > 2 && a1 > a0 && b1 > b0) {
      if (end_[a1 - 1] == nx && begin_[b0] == 0) sets.unite(a1 - 1, b0);
      if (begin_[a0] == 0 && end_[b1 - 1] == nx) sets.unite(a0, b1 - 1);
    }
  };
  // Within a row: the periodic x wrap joins a run ending at nx to one starting at 0.
  auto joinWrap = [&](std::size_t row) {
    const std::uint32_t f = first_[row], l = first_[row + 1];
    if (periodic && nx > 1 && l > f + 1 && begin_[f] == 0 && end_[l - 1] == nx) sets.unite(f, l - 1);
  };
  // The row y + dy of slab z, or none (a bounded side, or the row itself).
  auto rowAt = [&](std::size_t z, std::size_t y, long dy) -> long {
    const long t = core::step(long(y), dy, long(ny), periodic);
    return t < 0 || (std::size_t(t) == y && dy != 0) ? -1 : long(z * ny + std::size_t(t));
  };
  // Joins slab z in itself, and with slab z - 1 when asked.
  auto joinSlab = [&](std::size_t z, bool withPrevious) {
    for (std::size_t y = 0; y < ny; ++y) {
      const std::size_t row = z * ny + y;
      joinWrap(row);
      if (y > 0) joinRows(row - 1, row, full);  // (z, y - 1)
      if (withPrevious) {
        joinRows(row - ny, row, full);  // (z - 1, y)
        if (full)
          for (long dy : {-1L, 1L})
            if (const long r = rowAt(z - 1, y, dy); r >= 0) joinRows(std::size_t(r), row, true);
      }
    }
    if (periodic && ny > 1) joinRows(z * ny + ny - 1, z * ny, full);  // y = ny - 1 | y = 0
  };
  // Slabs in runs of consecutive z: every join inside a slab run touches
  // only its own runs (roots are the smallest index, inside the run).
  const std::size_t parts = std::clamp<std::size_t>(nz / 8, 1, 16);
  auto partStart = [&](std::size_t k) { return k * nz / parts; };
  forRange(parts, [&](std::size_t k) {
    for (std::size_t z = partStart(k); z < partStart(k + 1); ++z) joinSlab(z, z > partStart(k));
  });
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t z = partStart(k);
    if (z == 0 || z >= nz) continue;
    for (std::size_t y = 0; y < ny; ++y) {
      joinRows((z - 1) * ny + y, z * ny + y, full);
      if (full)
        for (long dy : {-1L, 1L})
          if (const long r = rowAt(z - 1, y, dy); r >= 0) joinRows(std::size_t(r), z * ny + y, true);
    }
  }
  // Components numbered by their root, the first run of each in raster order.
  component_.resize(runs);
  for (std::size_t r = 0; r < runs; ++r) {
    const std::uint32_t root = sets.find(std::uint32_t(r));
    component_[r] = root == r ? count_++ : component_[root];
  }
}

template <typename F>
void Components::forEachRun(F&& f) const {
  forRange(shape_.nz * shape_.ny, [&](std::size_t row) {
    for (std::uint32_t r = first_[row]; r < first_[row + 1]; ++r) f(row, begin_[r], end_[r], component_[r]);
  });
}

std::vector<std::uint64_t> Components::sizes() const {
  std::vector<std::uint64_t> n(count_, 0);
  for (std::size_t r = 0; r < component_.size(); ++r) n[component_[r]] += end_[r] - begin_[r];
  return n;
}

std::vector<std::uint8_t> Components::touchingSlab(std::size_t z) const {
  std::vector<std::uint8_t> touch(count_, 0);
  for (std::uint32_t r = first_[z * shape_.ny]; r < first_[(z + 1) * shape_.ny]; ++r) touch[component_[r]] = 1;
  return touch;
}

core::Grid<std::uint32_t> Components::labels(double voxelSize_m) const {
  core::Grid<std::uint32_t> out(shape_, voxelSize_m, 0);
  forEachRun([&](std::size_t row, std::uint32_t b, std::uint32_t e, std::uint32_t c) {
    std::fill(out.data() + row * shape_.nx + b, out.data() + row * shape_.nx + e, c + 1);
  });
  return out;
}

std::vector<std::uint8_t> Components::cellsOf(const std::vector<std::uint8_t>& keep) const {
  std::vector<std::uint8_t> out(shape_.size());
  const std::size_t nx = shape_.nx;
  forRange(shape_.nz * shape_.ny, [&](std::size_t row) {
    std::uint8_t* a = out.data() + row * nx;
    std::fill(a, a + nx, std::uint8_t(0));
    for (std::uint32_t r = first_[row]; r < first_[row + 1]; ++r)
      if (keep[component_[r]]) std::fill(a + begin_[r], a + end_[r], std::uint8_t(1));
  });
  return out;
}

std::vector<std::vector<std::size_t>> Components::voxelLists() const {
  std::vector<std::vector<std::size_t>> lists(count_);
  const std::size_t rows = shape_.nz * shape_.ny;
  for (std::size_t row = 0; row < rows; ++row)
    for (std::uint32_t r = first_[row]; r < first_[row + 1]; ++r)
      for (std::size_t x = begin_[r]; x < end_[r]; ++x) lists[component_[r]].push_back(row * shape_.nx + x);
  return lists;
}

std::vector<std::uint8_t> spanningCells(const core::Grid<std::uint8_t>& grid, std::uint8_t value,
                                        core::Sides sides) {
  const Components c(grid, value, sides);
  std::vector<std::uint8_t> both = c.touchingSlab(0);
  const std::vector<std::uint8_t> outlet = c.touchingSlab(grid.nz() - 1);
  for (std::size_t k = 0; k < both.size(); ++k) both[k] &= outlet[k];
  return c.cellsOf(both);
}

}  // namespace ssb::geometry
