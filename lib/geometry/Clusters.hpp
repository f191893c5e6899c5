#pragma once
// Connected clusters of one phase (6-connected, geometry/Components.hpp) and the
// connectivity of the reference study's Eq. 4: a phase is connected where it
// reaches its electrode face (SE: the separator face z = 0; CAM: the current
// collector face z = nz - 1); connectivity = 1 - n_isolated / n_total.
#include <array>
#include <cstdint>
#include <vector>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::geometry {

struct PhaseClusters {
  core::Grid<std::uint32_t> label;  // cluster id per voxel of the phase, 0 elsewhere
  std::vector<std::uint64_t> size;  // voxels per cluster id (index 0 unused)
  std::vector<bool> connected;      // per cluster id: touches the phase's face
  std::uint64_t total = 0, isolated = 0;
  double connectivity() const { return total ? 1.0 - double(isolated) / double(total) : 0.0; }
};

enum class Face { Separator, Collector };  // z = 0, z = nz - 1
Face electrodeFace(std::uint8_t phase);    // SE -> Separator, CAM -> Collector

PhaseClusters phaseClusters(const core::Grid<std::uint8_t>& phase, std::uint8_t which, Face face,
                            core::Sides sides = core::Sides::Periodic);

// Turns the isolated clusters of SE and CAM to pore; returns the voxels removed per phase.
std::array<std::uint64_t, 3> removeIsolatedClusters(core::Grid<std::uint8_t>& phase,
                                                    core::Sides sides = core::Sides::Periodic);

}  // namespace ssb::geometry
