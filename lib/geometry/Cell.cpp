#include "geometry/Cell.hpp"

#include <string>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "geometry/Clusters.hpp"

namespace ssb::geometry {

Coarsened coarsen(const core::Grid<std::uint8_t>& phase, const core::Grid<std::uint8_t>* materialId,
                  int factor) {
  const auto& s = phase.shape();
  const std::size_t f = std::size_t(factor);
  if (factor < 1) throw core::InputError("coarsening factor must be >= 1, got " + std::to_string(factor));
  if (s.nz % f || s.ny % f || s.nx % f)
    throw core::InputError("coarsening by " + std::to_string(factor) + ": the box " + s.str() +
                           " is not divisible by it");
  Coarsened out;
  out.phase = core::Grid<std::uint8_t>(s.nz / f, s.ny / f, s.nx / f, phase.voxelSize_m() * double(f), 0);
  if (materialId)
    out.materialId = core::Grid<std::uint8_t>(out.phase.shape(), out.phase.voxelSize_m(), 0);
  for (std::size_t z = 0; z < s.nz / f; ++z)
    for (std::size_t y = 0; y < s.ny / f; ++y)
      for (std::size_t x = 0; x < s.nx / f; ++x) {
        std::array<int, 3> count{0, 0, 0};
        std::array<int, 256> ids{};
        for (std::size_t a = 0; a < f; ++a)
          for (std::size_t b = 0; b < f; ++b)
            for (std::size_t c = 0; c < f; ++c) {
              const std::size_t i = phase.index(z * f + a, y * f + b, x * f + c);
              const auto p = phase.values()[i];
              ++count[p];
              if (materialId && p == core::kSE) ++ids[materialId->values()[i]];
            }
        // Majority; ties SE > CAM > pore.
        std::uint8_t best = core::kSE;
        for (std::uint8_t p : {core::kCAM, core::kPore})
          if (count[p] > count[best]) best = p;
        out.phase(z, y, x) = best;
        if (materialId && best == core::kSE) {
          int top = 0;
          for (int id = 0; id < 256; ++id)
            if (ids[std::size_t(id)] > ids[std::size_t(top)]) top = id;
          (*out.materialId)(z, y, x) = static_cast<std::uint8_t>(top);
        }
      }
  out.before = core::phaseFractions(out.phase);
  out.removed = removeIsolatedClusters(out.phase);
  if (out.materialId)
    for (std::size_t i = 0; i < out.phase.size(); ++i)
      if (out.phase.values()[i] != core::kSE) out.materialId->values()[i] = 0;
  out.after = core::phaseFractions(out.phase);
  return out;
}

Cell assembleCell(const core::Grid<std::uint8_t>& cathode, const core::Grid<std::uint8_t>* materialId,
                  std::size_t separatorSlices, std::uint8_t separatorMaterialId) {
  const auto& s = cathode.shape();
  Cell cell;
  cell.separatorSlices = separatorSlices;
  const core::Shape cs{s.nz + separatorSlices, s.ny, s.nx};
  cell.phase = core::Grid<std::uint8_t>(cs, cathode.voxelSize_m(), core::kSE);
  cell.materialId = core::Grid<std::uint8_t>(cs, cathode.voxelSize_m(), separatorMaterialId);
  const std::size_t offset = separatorSlices * s.ny * s.nx;
  std::copy(cathode.begin(), cathode.end(), cell.phase.begin() + std::ptrdiff_t(offset));
  for (std::size_t i = 0; i < cathode.size(); ++i)
    cell.materialId.values()[offset + i] = materialId ? materialId->values()[i] : 0;
  return cell;
}

}  // namespace ssb::geometry
