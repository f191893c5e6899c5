// segment: splits the solid electrolyte into grains by the SNOW watershed and
// gives them material ids; faces between different ids are grain boundaries
// (docs/model.md §3).
//
//   segment s.h5 --radius 4 --ids 8 -o seg.h5
//   segment s.h5 --assign colour -o seg.h5 --json seg.json
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/SidesOption.hpp"
#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "segment/GrainSizes.hpp"
#include "segment/MaterialIds.hpp"
#include "segment/Snow.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("segment", "Split the solid electrolyte into grains (SNOW watershed) and assign "
                            "material ids; faces between different ids are grain boundaries.");
  std::string input = "-", output, assign = "random";
  segment::SnowOptions snow;
  int ids = 8;
  auto& app = tool.app();
  app.add_option("input", input, "Structure (voxel file), or - for stdin")->capture_default_str();
  app.add_option("-o,--output", output, "Output voxel file, or - for stdout")->required();
  app.add_option("--sigma", snow.sigma, "Gaussian smoothing of the distance map, voxels (0: none)")
      ->check(CLI::Range(0.0, 10.0))->capture_default_str();
  app.add_option("--radius", snow.radius, "Radius of the peak-finding ball, voxels")
      ->check(cli::Positive)->capture_default_str();
  app.add_option("--ids", ids, "Number of material ids")->check(CLI::Range(1, 32))->capture_default_str();
  app.add_option("--assign", assign, "random (seeded, as the reference study) or colour (touching grains differ)")
      ->check(CLI::IsMember({"random", "colour"}))->capture_default_str();
  cli::addSidesOption(app, snow.sides, "Lateral sides: x, y wrap as the cathode's, or bounded as an image's");

  return tool.run(argc, argv, [&] {
    io::checkOutputTarget(output, io::formatForOutput(output));
    io::InputFile in = io::readVoxelFile(input);
    const std::string source = input == "-" ? "stdin" : input;
    if (core::phaseFractions(in.volume.phase).se == 0.0)
      throw core::InputError(source + ": /phase holds no SE voxel (nothing to segment)");
    const auto r = segment::snowPartition(in.volume.phase, core::kSE, snow);
    const auto contacts = segment::grainContacts(r.grain, snow.sides);
    const auto idOf = assign == "random" ? segment::randomMaterialIds(r.grains, ids, tool.common().seed)
                                         : segment::colourMaterialIds(r.grains, contacts, ids);
    core::VoxelVolume v = std::move(in.volume);
    v.materialId = segment::materialIdGrid(r.grain, idOf);
    const auto sizes = segment::grainSizes(r.grain, r.grains);
    const auto gbFaces = segment::grainBoundaryFaces(*v.materialId, snow.sides);
    const double sameShare = segment::sameIdContactShare(contacts, idOf);
    v.grain = r.grain;
    nlohmann::json m = {{"grains", r.grains}, {"peaks_found", r.peaksFound},
                        {"peaks_after_saddle_trim", r.peaksAfterSaddles},
                        {"peaks_after_nearby_trim", r.peaksAfterNearby},
                        {"mean_diameter_um", sizes.mean_um}, {"volume_weighted_mean_diameter_um", sizes.volumeWeightedMean_um},
                        {"sauter_mean_diameter_um", sizes.sauterMean_um},
                        {"d10_um", sizes.d10_um}, {"d50_um", sizes.d50_um}, {"d90_um", sizes.d90_um},
                        {"grain_contacts", contacts.pairs.size()}, {"gb_faces", gbFaces},
                        {"same_id_contact_share", sameShare}, {"ids", ids}, {"assign", assign},
                        {"sides", std::string(core::sidesName(snow.sides))}};
    for (const auto& [k, value] : m.items())
      v.metrics["segment." + k] = value.is_string() ? core::MetricValue(value.get<std::string>())
                                  : value.is_number_integer() ? core::MetricValue(value.get<std::int64_t>())
                                                              : core::MetricValue(value.get<double>());
    m["histogram"] = {{"edges_um", sizes.histogramEdges_um}, {"counts", sizes.histogramCounts}};
    v.series["segment.grain_diameter_um"] =
        std::vector<double>(sizes.diameter_um.begin() + 1, sizes.diameter_um.end());
    v.provenance.push_back(tool.provenance({&in}));
    io::writeVoxelFile(v, output);
    core::log().info("{} SE grains (peaks {} -> {} -> {}), Sauter mean diameter d32 {:.3f} um (number mean {:.3f}, "
                     "D10 {:.3f}, D50 {:.3f}, D90 {:.3f}), {} GB faces, {:.3f} of contacts share an id",
                     r.grains, r.peaksFound, r.peaksAfterSaddles, r.peaksAfterNearby, sizes.sauterMean_um,
                     sizes.mean_um, sizes.d10_um, sizes.d50_um, sizes.d90_um, gbFaces, sameShare);
    tool.writeJson(m, {&in}, output);
  });
}
