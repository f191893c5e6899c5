#include "transport/Conduction.hpp"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "geometry/Components.hpp"

namespace ssb::transport {


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
  c.active = geometry::spanningCells(phase, o.phase, o.periodicSides ? core::Sides::Periodic : core::Sides::Bounded);
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
