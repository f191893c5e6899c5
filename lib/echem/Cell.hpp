#pragma once
// The cell a discharge runs on, from a segmented, cleaned cathode
// (docs/model.md, "Coarsening and cell assembly"): coarsened by a factor
// (the reference study ran 200 nm voxels on its 100 nm structures: 2),
// clusters removed again at the coarse size, a dense SE separator of the
// given thickness put before it.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Phase.hpp"
#include "core/VoxelVolume.hpp"
#include "echem/Discharge.hpp"

namespace ssb::echem {

// The separator's grid (CellGeometry): the `fine_um` next to the cathode
// in voxels, the rest in slices each `ratio` times thicker than the one
// before (ratio 1: every slice one voxel, the reference study's grid).
struct SeparatorGrading {
  double ratio = 1.0;  // 1: off (the default: see docs/benchmarks.md, "graded separator")
  double fine_um = 2.0;
  // The thickest slice, in voxels: thicker slices make cells whose lateral
  // faces conduct far better than their z faces, which a point smoother
  // handles poorly (the multigrid's iterations rise).
  double maxSlice_vox = 4.0;
};

// The thicknesses (anode first) of a separator of `slices` voxels of size
// h graded as asked; empty when the grading leaves every slice one voxel.
std::vector<double> gradedSeparator(std::size_t slices, double h_m, const SeparatorGrading& grading);

struct CellBuild {
  CellGeometry cell;      // as simulated (the separator graded)
  CellGeometry uniform;   // the same cell with a separator of voxels (what the output file holds)
  int coarsenFactor = 1;  // coarse voxel edge / the structure's voxel edge
  core::Shape cropped;    // the structure's box as used (cut to a multiple of the factor), before coarsening
  core::Fractions fine, coarse;             // of the cathode, before and after coarsening (and cleaning)
  std::uint64_t removedSe = 0, removedCam = 0;  // coarse voxels removed with their isolated clusters
};

// A box not divisible by the factor loses its last voxels along each such
// axis (at most factor - 1; `cropped` says what was used). Throws
// core::InputError naming `source` where the structure cannot make a cell
// (no CAM, a separator thinner than one coarse voxel).
CellBuild buildCell(const core::VoxelVolume& structure, int coarsenFactor, double separator_um,
                    const std::string& source, const SeparatorGrading& grading = {});

}  // namespace ssb::echem
