#include "numerics/Layout.hpp"

#include <stdexcept>

namespace ssb::numerics {

void BoundaryConditions::check() const {
  for (int a = 0; a < 3; ++a)
    if ((side[std::size_t(a)][0] == Boundary::Periodic) != (side[std::size_t(a)][1] == Boundary::Periodic))
      throw std::invalid_argument(std::string("boundary conditions: axis ") + "zyx"[a] +
                                  " is periodic on one side only");
  if (periodic(0)) throw std::invalid_argument("boundary conditions: z (through the cell) cannot be periodic");
}

ProcessGrid chooseProcessGrid(const Extent& e, int processes) {
  ProcessGrid best;
  double bestSurface = -1;
  const double nx = double(e.nx), ny = double(e.ny), nz = double(e.nz);
  for (int m = 1; m <= processes; ++m) {
    if (processes % m || std::size_t(m) > e.nx) continue;
    for (int n = 1; n <= processes / m; ++n) {
      if ((processes / m) % n || std::size_t(n) > e.ny) continue;
      const int q = processes / m / n;
      if (std::size_t(q) > e.nz) continue;
      const double lx = nx / m, ly = ny / n, lz = nz / q, surface = lx * ly + ly * lz + lx * lz;
      if (bestSurface < 0 || surface < bestSurface - 1e-9) {
        bestSurface = surface;
        best = {q, n, m};
      }
    }
  }
  if (bestSurface < 0)
    throw std::invalid_argument("the grid " + std::to_string(e.nx) + " x " + std::to_string(e.ny) + " x " +
                                std::to_string(e.nz) + " (x, y, z) cannot be split among " +
                                std::to_string(processes) + " processes; run fewer");
  return best;
}

std::vector<Extent> levelExtents(const Extent& fine, const ProcessGrid& grid, bool coarsen) {
  std::vector<Extent> levels{fine};
  while (coarsen) {
    const Extent f = levels.back();
    if (f.size() <= 512 || f.nz <= 2) break;
    const Extent c{(f.nz + 1) / 2, (f.ny + 1) / 2, (f.nx + 1) / 2};
    if (c.nx < std::size_t(grid.m) || c.ny < std::size_t(grid.n) || c.nz < std::size_t(grid.q)) break;
    levels.push_back(c);
  }
  return levels;
}

namespace {
// First cell of process r (of p) along an axis of level `above` levels
// above the coarsest (nCoarsest cells there, n on this level).
std::size_t splitStart(std::size_t nCoarsest, int p, int above, std::size_t n, int r) {
  return r == p ? n : (std::size_t(r) * nCoarsest / std::size_t(p)) << above;
}
}  // namespace

std::vector<Box> levelBoxes(const std::vector<Extent>& levels, const ProcessGrid& grid, int rank) {
  const int i = rank % grid.m, j = (rank / grid.m) % grid.n, k = rank / (grid.m * grid.n);
  const Extent& coarsest = levels.back();
  std::vector<Box> boxes;
  const int nLevels = int(levels.size());
  for (int l = 0; l < nLevels; ++l) {
    const Extent& e = levels[std::size_t(l)];
    const int above = nLevels - 1 - l;
    Box b;
    b.global = e;
    const std::array<std::size_t, 3> coarse{coarsest.nz, coarsest.ny, coarsest.nx};
    const std::array<int, 3> procs{grid.q, grid.n, grid.m}, me{k, j, i};
    for (int a = 0; a < 3; ++a) {
      const std::size_t s0 = splitStart(coarse[std::size_t(a)], procs[std::size_t(a)], above, e.along(a), me[std::size_t(a)]);
      const std::size_t s1 =
          splitStart(coarse[std::size_t(a)], procs[std::size_t(a)], above, e.along(a), me[std::size_t(a)] + 1);
      b.start[std::size_t(a)] = s0;
      b.count[std::size_t(a)] = s1 - s0;
    }
    boxes.push_back(b);
  }
  return boxes;
}

}  // namespace ssb::numerics
