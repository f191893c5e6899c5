#include "transport/Conduction.hpp"

#include "geometry/Components.hpp"
#include "numerics/Parallel.hpp"

namespace ssb::transport {

ConductionProblem::ConductionProblem(const core::Grid<std::uint8_t>& phase, const core::Grid<std::uint8_t>* materialId,
                                     const ConductionOptions& o)
    : phase_(phase), materialId_(materialId), options_(o) {
  active_ = geometry::spanningCells(phase, o.phase, o.sides);
  const std::size_t slice = shape().ny * shape().nx;
  std::vector<std::uint64_t> inPhase(shape().nz), inSolve(shape().nz);
  numerics::forSlabs(shape().nz, [&](std::size_t z) {
    for (std::size_t i = z * slice; i < (z + 1) * slice; ++i) {
      inPhase[z] += phase.values()[i] == o.phase;
      inSolve[z] += active_[i];
    }
  });
  for (std::size_t z = 0; z < shape().nz; ++z) {
    phaseVoxels_ += inPhase[z];
    activeVoxels_ += inSolve[z];
  }
}

numerics::BoundaryConditions ConductionProblem::conditions() const {
  using numerics::Boundary;
  const Boundary lateral = core::isPeriodic(options_.sides) ? Boundary::Periodic : Boundary::Insulated;
  numerics::BoundaryConditions c;
  c.side = {{{Boundary::Dirichlet, Boundary::Dirichlet}, {lateral, lateral}, {lateral, lateral}}};
  return c;
}

double ConductionProblem::sigma(std::size_t i) const {
  return options_.cellConductivity_S_per_m ? (*options_.cellConductivity_S_per_m)[i] : options_.conductivity_S_per_m;
}

// A face of area h^2 between centres h apart conducts h times the harmonic
// mean of the two cells' conductivities; a grain boundary adds its
// area-specific resistance in series.
float ConductionProblem::between(std::size_t i, std::size_t j) const {
  const double h = h_m(), si = sigma(i), sj = sigma(j);
  const double bulk = si + sj > 0 ? h * 2.0 * si * sj / (si + sj) : 0.0;
  if (options_.gbResistance_ohm_m2 > 0 && materialId_) {
    const auto a = materialId_->values()[i], b = materialId_->values()[j];
    if (a && b && a != b) return float(1.0 / (1.0 / bulk + options_.gbResistance_ohm_m2 / (h * h)));
  }
  return float(bulk);
}

float ConductionProblem::face(int axis, long z, long y, long x) const {
  const core::Shape& s = shape();
  if (axis == 0) {
    // The Dirichlet faces half a voxel from the first and last cell centres.
    if (z < 0 || z + 1 == long(s.nz)) {
      const std::size_t i = phase_.index(z < 0 ? 0 : s.nz - 1, std::size_t(y), std::size_t(x));
      return active_[i] ? float(2.0 * sigma(i) * h_m()) : 0.0f;
    }
  } else if (x < 0 || y < 0) {
    return 0.0f;  // the low side of a bounded axis: insulated
  }
  const std::size_t i = phase_.index(std::size_t(z), std::size_t(y), std::size_t(x));
  const std::size_t j = axis == 0 ? core::plusZ(s, std::size_t(z), std::size_t(y), std::size_t(x))
                        : axis == 1 ? core::plusY(s, options_.sides, std::size_t(z), std::size_t(y), std::size_t(x))
                                    : core::plusX(s, options_.sides, std::size_t(z), std::size_t(y), std::size_t(x));
  if (j == core::kNone || !active_[i] || !active_[j]) return 0.0f;
  return between(i, j);
}

std::uint64_t ConductionProblem::gbFaces() const {
  if (!(options_.gbResistance_ohm_m2 > 0) || !materialId_) return 0;
  const auto& m = materialId_->values();
  std::vector<std::uint64_t> perSlab(shape().nz, 0);
  numerics::forSlabs(shape().nz, [&](std::size_t z) {
    core::forEachFaceOfSlab(shape(), options_.sides, z, [&](std::size_t i, std::size_t j) {
      perSlab[z] += active_[i] && active_[j] && m[i] && m[j] && m[i] != m[j];
    });
  });
  std::uint64_t n = 0;
  for (auto v : perSlab) n += v;
  return n;
}

numerics::VoxelOperator ConductionProblem::makeOperator(const numerics::Box& box) const {
  numerics::VoxelOperator A(box, conditions());
  A.setFaces([this](int axis, long z, long y, long x) { return face(axis, z, y, x); });
  A.finish();
  return A;
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
