#pragma once
// The voxel conduction problem behind effcond (MODEL.md §5; the reference
// study's Eqs. 5-6): steady conduction in one phase along z, finite volumes
// on voxels, face conductance by the harmonic mean of the two cells'
// conductivities, zero flux into other phases, 1 V between Dirichlet
// values on the two outer z faces (half a voxel beyond the first and last
// cell centres, so a full block gives tau = 1 exactly), lateral faces
// periodic or insulated. A grain boundary (a face between SE voxels of
// different material ids) adds its area-specific resistance in series.
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"
#include "core/HugePages.hpp"

namespace ssb::transport {

struct ConductionOptions {
  std::uint8_t phase = 1;             // the conducting phase code
  double conductivity_S_per_m = 0.0;  // its bulk conductivity
  bool periodicSides = true;          // x, y periodic (else insulated)
  double gbResistance_ohm_m2 = 0.0;   // series resistance of a GB face (0: none)
  // Optional conductivity per cell (S/m), overriding conductivity_S_per_m:
  // faces then take the harmonic mean of their two cells.
  const std::vector<double>* cellConductivity_S_per_m = nullptr;
  // false: gx, gy, gz stay empty; a solver that needs only its share of the
  // faces (the distributed multigrid) takes them from face*() instead.
  bool storeFaces = true;
};

// Conductances in siemens. Cell i = (z, y, x) in C order.
struct ConductionProblem {
  core::Shape shape;
  double h_m = 0;
  bool periodicSides = true;
  core::BigVector<float> gx, gy, gz;  // face between i and its +x / +y / +z neighbour (0: none)
  std::vector<float> gIn, gOut;   // per (y, x): face of slice 0 to the inlet, of slice nz-1 to the outlet
  std::vector<std::uint8_t> active;  // cells in the solve: the phase, in clusters spanning inlet to outlet
  std::uint64_t phaseVoxels = 0, activeVoxels = 0, isolatedVoxels = 0;
  std::uint64_t gbFaces = 0;
  bool percolates() const { return activeVoxels > 0; }

  // The conductance of the +x / +y / +z face of cell (z, y, x), 0 where
  // there is none: the rule that fills gx, gy, gz.
  // isGb (when given) is set when the face is a grain boundary.
  float faceX(std::size_t z, std::size_t y, std::size_t x, bool* isGb = nullptr) const;
  float faceY(std::size_t z, std::size_t y, std::size_t x, bool* isGb = nullptr) const;
  float faceZ(std::size_t z, std::size_t y, std::size_t x, bool* isGb = nullptr) const;
  // The face between cells i and j; isGb tells whether it is a grain boundary.
  float face(std::size_t i, std::size_t j, bool* isGb = nullptr) const;

  const core::Grid<std::uint8_t>* materialId = nullptr;  // as given to buildProblem (kept alive by the caller)
  ConductionOptions options;
};

// Builds the problem; materialId is needed only with a GB resistance.
ConductionProblem buildProblem(const core::Grid<std::uint8_t>& phase,
                               const core::Grid<std::uint8_t>* materialId, const ConductionOptions& options);

// The grid seen with `axis` (0 = z, 1 = y, 2 = x) as its z axis, so that
// every solve runs along z.
core::Grid<std::uint8_t> alongAxis(const core::Grid<std::uint8_t>& grid, int axis);

}  // namespace ssb::transport
