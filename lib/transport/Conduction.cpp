#include "transport/Conduction.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/DisjointSets.hpp"

namespace ssb::transport {


std::vector<std::uint8_t> spanningCells(const core::Grid<std::uint8_t>& phase, std::uint8_t which,
                                        bool periodicSides) {
  const std::size_t nz = phase.nz(), ny = phase.ny(), nx = phase.nx(), n = phase.size();
  const auto& p = phase.values();
  // Union-find over cell indices of the phase.
  core::DisjointSets sets(n);
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < ny; ++y)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = (z * ny + y) * nx + x;
        if (p[i] != which) continue;
        if (x + 1 < nx) { if (p[i + 1] == which) sets.unite(std::uint32_t(i), std::uint32_t(i + 1)); }
        else if (periodicSides && nx > 1 && p[i + 1 - nx] == which) sets.unite(std::uint32_t(i), std::uint32_t(i + 1 - nx));
        if (y + 1 < ny) { if (p[i + nx] == which) sets.unite(std::uint32_t(i), std::uint32_t(i + nx)); }
        else if (periodicSides && ny > 1 && p[i - (ny - 1) * nx] == which) sets.unite(std::uint32_t(i), std::uint32_t(i - (ny - 1) * nx));
        if (z + 1 < nz && p[i + ny * nx] == which) sets.unite(std::uint32_t(i), std::uint32_t(i + ny * nx));
      }
  std::vector<std::uint8_t> touch(n, 0);  // per root: bit 1 inlet, bit 2 outlet
  const std::size_t slice = ny * nx;
  for (std::size_t k = 0; k < slice; ++k) {
    if (p[k] == which) touch[sets.find(std::uint32_t(k))] |= 1;
    const std::size_t top = (nz - 1) * slice + k;
    if (p[top] == which) touch[sets.find(std::uint32_t(top))] |= 2;
  }
  std::vector<std::uint8_t> active(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == which && touch[sets.find(std::uint32_t(i))] == 3) active[i] = 1;
  return active;
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
  c.gx.resize(n);  // every face is written below, in parallel (first touch)
  c.gy.resize(n);
  c.gz.resize(n);
  c.gIn.assign(ny * nx, 0.0f);
  c.gOut.assign(ny * nx, 0.0f);
  // A face of area h^2 between centres h apart conducts h times the harmonic
  // mean of the two cells' conductivities.
  auto sigma = [&](std::size_t i) {
    return o.cellConductivity_S_per_m ? (*o.cellConductivity_S_per_m)[i] : o.conductivity_S_per_m;
  };
  const double rFaceGb = o.gbResistance_ohm_m2 / (c.h_m * c.h_m);  // ohm, for one face
  auto face = [&](std::size_t i, std::size_t j, bool& isGb) -> float {
    if (!c.active[i] || !c.active[j]) return 0.0f;
    const double si = sigma(i), sj = sigma(j);
    const double gBulk = si + sj > 0 ? c.h_m * 2.0 * si * sj / (si + sj) : 0.0;
    if (rFaceGb > 0 && materialId) {
      const auto a = materialId->values()[i], b = materialId->values()[j];
      if (a && b && a != b) {
        isGb = true;
        return float(1.0 / (1.0 / gBulk + rFaceGb));
      }
    }
    return float(gBulk);
  };
  std::vector<std::uint64_t> gbPerSlab(nz, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nz), [&](const auto& range) {
    for (std::size_t z = range.begin(); z != range.end(); ++z) {
      std::uint64_t gb = 0;
      auto faceCounting = [&](std::size_t i, std::size_t j) {
        bool isGb = false;
        const float g = face(i, j, isGb);
        gb += isGb;
        return g;
      };
      for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t x = 0; x < nx; ++x) {
          const std::size_t i = (z * ny + y) * nx + x;
          c.gx[i] = c.gy[i] = c.gz[i] = 0.0f;
          if (!c.active[i]) continue;
          if (x + 1 < nx) c.gx[i] = faceCounting(i, i + 1);
          else if (o.periodicSides && nx > 1) c.gx[i] = faceCounting(i, i + 1 - nx);
          if (y + 1 < ny) c.gy[i] = faceCounting(i, i + nx);
          else if (o.periodicSides && ny > 1) c.gy[i] = faceCounting(i, i - (ny - 1) * nx);
          if (z + 1 < nz) c.gz[i] = faceCounting(i, i + ny * nx);
        }
      gbPerSlab[z] = gb;
    }
  });
  for (std::uint64_t g : gbPerSlab) c.gbFaces += g;
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
