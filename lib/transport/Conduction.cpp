#include "transport/Conduction.hpp"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/DisjointSets.hpp"

namespace ssb::transport {


// Connected components over runs: each row (z, y) is cut into runs of
// consecutive cells of the phase, and runs are joined where they overlap a
// run of the row before (y - 1) or the slab before (z - 1), or meet across
// a periodic side. A 31 M voxel box has some 10^6 runs, so the union-find
// is small; rows are scanned and runs joined in parallel over runs of
// slabs, the joins across the slab runs' borders after.
std::vector<std::uint8_t> spanningCells(const core::Grid<std::uint8_t>& phase, std::uint8_t which,
                                        bool periodicSides) {
  const std::size_t nz = phase.nz(), ny = phase.ny(), nx = phase.nx(), n = phase.size(), rows = nz * ny;
  const std::uint8_t* p = phase.values().data();
  auto forRange = [](std::size_t count, auto&& f) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count), [&](const auto& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
    });
  };
  // Runs per row, then their [begin, end) in x, rows in order.
  std::vector<std::uint32_t> first(rows + 1, 0);
  forRange(rows, [&](std::size_t row) {
    const std::uint8_t* c = p + row * nx;
    std::uint32_t k = 0;
    for (std::size_t x = 0; x < nx; ++x) k += c[x] == which && (x == 0 || c[x - 1] != which);
    first[row + 1] = k;
  });
  for (std::size_t row = 0; row < rows; ++row) first[row + 1] += first[row];
  const std::size_t runs = first[rows];
  std::vector<std::uint32_t> begin(runs), end(runs);
  forRange(rows, [&](std::size_t row) {
    const std::uint8_t* c = p + row * nx;
    std::uint32_t k = first[row];
    for (std::size_t x = 0; x < nx; ++x) {
      if (c[x] != which) continue;
      if (x == 0 || c[x - 1] != which) begin[k] = std::uint32_t(x);
      if (x + 1 == nx || c[x + 1] != which) end[k++] = std::uint32_t(x + 1);
    }
  });
  core::DisjointSets sets(runs);
  // Joins the runs of two rows that overlap in x.
  auto joinRows = [&](std::size_t a, std::size_t b) {
    std::uint32_t i = first[a], j = first[b];
    while (i < first[a + 1] && j < first[b + 1]) {
      if (begin[i] < end[j] && begin[j] < end[i]) sets.unite(i, j);
      if (end[i] < end[j]) ++i; else ++j;
    }
  };
  // Within a row: the periodic x wrap joins a run ending at nx to one starting at 0.
  auto joinWrap = [&](std::size_t row) {
    const std::uint32_t f = first[row], l = first[row + 1];
    if (periodicSides && nx > 1 && l > f + 1 && begin[f] == 0 && end[l - 1] == nx) sets.unite(f, l - 1);
  };
  // Slabs in runs of consecutive z: every join inside a slab run touches
  // only its own runs (roots are the smallest index, inside the run).
  const std::size_t parts = std::clamp<std::size_t>(nz / 8, 1, 16);
  auto partStart = [&](std::size_t k) { return k * nz / parts; };
  auto joinSlab = [&](std::size_t z, bool withPrevious) {
    for (std::size_t y = 0; y < ny; ++y) {
      const std::size_t row = z * ny + y;
      joinWrap(row);
      if (y > 0) joinRows(row - 1, row);
      if (withPrevious) joinRows(row - ny, row);
    }
    if (periodicSides && ny > 1) joinRows(z * ny + ny - 1, z * ny);
  };
  forRange(parts, [&](std::size_t k) {
    for (std::size_t z = partStart(k); z < partStart(k + 1); ++z) joinSlab(z, z > partStart(k));
  });
  for (std::size_t k = 1; k < parts; ++k)
    for (std::size_t y = 0, z = partStart(k); y < ny && z > 0 && z < nz; ++y) joinRows((z - 1) * ny + y, z * ny + y);
  for (std::size_t r = 0; r < runs; ++r) sets.parent[r] = sets.find(std::uint32_t(r));  // flat: read-only below
  std::vector<std::uint8_t> touch(runs, 0);  // per root: bit 1 inlet, bit 2 outlet
  for (std::size_t r = first[0]; r < first[ny]; ++r) touch[sets.parent[r]] |= 1;
  for (std::size_t r = first[(nz - 1) * ny]; r < runs; ++r) touch[sets.parent[r]] |= 2;
  std::vector<std::uint8_t> active(n);
  forRange(rows, [&](std::size_t row) {
    std::uint8_t* a = active.data() + row * nx;
    std::fill(a, a + nx, std::uint8_t(0));
    for (std::uint32_t r = first[row]; r < first[row + 1]; ++r)
      if (touch[sets.parent[r]] == 3) std::fill(a + begin[r], a + end[r], std::uint8_t(1));
  });
  return active;
}

// A face of area h^2 between centres h apart conducts h times the harmonic
// mean of the two cells' conductivities; a grain boundary adds its
// area-specific resistance in series.
float ConductionProblem::face(std::size_t i, std::size_t j, bool* isGb) const {
  if (!active[i] || !active[j]) return 0.0f;
  const auto& o = options;
  const double si = o.cellConductivity_S_per_m ? (*o.cellConductivity_S_per_m)[i] : o.conductivity_S_per_m;
  const double sj = o.cellConductivity_S_per_m ? (*o.cellConductivity_S_per_m)[j] : o.conductivity_S_per_m;
  const double gBulk = si + sj > 0 ? h_m * 2.0 * si * sj / (si + sj) : 0.0;
  if (o.gbResistance_ohm_m2 > 0 && materialId) {
    const auto a = materialId->values()[i], b = materialId->values()[j];
    if (a && b && a != b) {
      if (isGb) *isGb = true;
      return float(1.0 / (1.0 / gBulk + o.gbResistance_ohm_m2 / (h_m * h_m)));
    }
  }
  return float(gBulk);
}

float ConductionProblem::faceX(std::size_t z, std::size_t y, std::size_t x, bool* isGb) const {
  const std::size_t nx = shape.nx, i = (z * shape.ny + y) * nx + x;
  if (x + 1 < nx) return face(i, i + 1, isGb);
  return periodicSides && nx > 1 ? face(i, i + 1 - nx, isGb) : 0.0f;
}

float ConductionProblem::faceY(std::size_t z, std::size_t y, std::size_t x, bool* isGb) const {
  const std::size_t nx = shape.nx, ny = shape.ny, i = (z * ny + y) * nx + x;
  if (y + 1 < ny) return face(i, i + nx, isGb);
  return periodicSides && ny > 1 ? face(i, i - (ny - 1) * nx, isGb) : 0.0f;
}

float ConductionProblem::faceZ(std::size_t z, std::size_t y, std::size_t x, bool* isGb) const {
  const std::size_t slice = shape.ny * shape.nx, i = (z * shape.ny + y) * shape.nx + x;
  return z + 1 < shape.nz ? face(i, i + slice, isGb) : 0.0f;
}

ConductionProblem buildProblem(const core::Grid<std::uint8_t>& phase, const core::Grid<std::uint8_t>* materialId,
                               const ConductionOptions& o) {
  ConductionProblem c;
  c.shape = phase.shape();
  c.h_m = phase.voxelSize_m();
  c.periodicSides = o.periodicSides;
  const std::size_t nz = c.shape.nz, ny = c.shape.ny, nx = c.shape.nx, n = phase.size();
  c.active = spanningCells(phase, o.phase, o.periodicSides);
  for (std::size_t i = 0; i < n; ++i) {
    c.phaseVoxels += phase.values()[i] == o.phase;
    c.activeVoxels += c.active[i];
  }
  c.isolatedVoxels = c.phaseVoxels - c.activeVoxels;
  c.materialId = materialId;
  c.options = o;
  if (o.storeFaces) {
    c.gx.resize(n);  // every face is written below, in parallel (first touch)
    c.gy.resize(n);
    c.gz.resize(n);
  }
  c.gIn.assign(ny * nx, 0.0f);
  c.gOut.assign(ny * nx, 0.0f);
  // Every face once: stored when asked for, and grain boundaries counted
  // (only these need the faces evaluated when nothing is stored).
  const bool countGb = o.gbResistance_ohm_m2 > 0 && materialId;
  std::vector<std::uint64_t> gbPerSlab(nz, 0);
  if (o.storeFaces || countGb)
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nz), [&](const auto& range) {
      for (std::size_t z = range.begin(); z != range.end(); ++z) {
        std::uint64_t gb = 0;
        for (std::size_t y = 0; y < ny; ++y)
          for (std::size_t x = 0; x < nx; ++x) {
            bool gbX = false, gbY = false, gbZ = false;
            const float fx = c.faceX(z, y, x, &gbX), fy = c.faceY(z, y, x, &gbY), fz = c.faceZ(z, y, x, &gbZ);
            gb += gbX + gbY + gbZ;
            if (!o.storeFaces) continue;
            const std::size_t i = (z * ny + y) * nx + x;
            c.gx[i] = fx;
            c.gy[i] = fy;
            c.gz[i] = fz;
          }
        gbPerSlab[z] = gb;
      }
    });
  for (std::uint64_t g : gbPerSlab) c.gbFaces += g;
  auto sigma = [&](std::size_t i) {
    return o.cellConductivity_S_per_m ? (*o.cellConductivity_S_per_m)[i] : o.conductivity_S_per_m;
  };
  // Dirichlet faces half a voxel from the cell centres: conductance 2 sigma h.
  for (std::size_t k = 0; k < ny * nx; ++k) {
    if (c.active[k]) c.gIn[k] = float(2.0 * sigma(k) * c.h_m);
    const std::size_t top = (nz - 1) * ny * nx + k;
    if (c.active[top]) c.gOut[k] = float(2.0 * sigma(top) * c.h_m);
  }
  return c;
}

core::Grid<std::uint8_t> alongAxis(const core::Grid<std::uint8_t>& g, int axis) {
  if (axis == 0) return g;
  const std::size_t nz = g.nz(), ny = g.ny(), nx = g.nx();
  if (axis == 1) {  // y becomes z: (z, y, x) -> (y, z, x)
    core::Grid<std::uint8_t> t(ny, nz, nx, g.voxelSize_m());
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t x = 0; x < nx; ++x) t(y, z, x) = g(z, y, x);
    return t;
  }
  core::Grid<std::uint8_t> t(nx, ny, nz, g.voxelSize_m());  // x becomes z: (z, y, x) -> (x, y, z)
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) t(x, y, z) = g(z, y, x);
  return t;
}

}  // namespace ssb::transport
