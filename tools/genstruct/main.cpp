// genstruct: piles CAM and SE grains into a virtual composite cathode
// (the reference study's structure generation, steps 1-3; docs/model.md §1).
//
//   genstruct --svf-cam 0.5 --d-cam 2.0 --d-se 1.41 -o pile.h5
//   genstruct --svf-cam-profile 0.3:0.7 -o gradient.h5
#include <nlohmann/json.hpp>

#include "cli/Tool.hpp"
#include "cli/StructureOptions.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "structure/Generate.hpp"
#include "structure/PileRecord.hpp"

int main(int argc, char** argv) {
  using namespace ssb;
  cli::Tool tool("genstruct", "Pile CAM and SE grains by gravity into a virtual composite cathode "
                              "(periodic in x and y), crop it and spread the grains.");
  cli::PileArguments args;
  std::string output;
  cli::addPileOptions(tool.app(), args);
  tool.app().add_option("-o,--output", output, "Output voxel file (.h5, .vdb), or - for stdout")
      ->required();

  return tool.run(argc, argv, [&] {
    io::checkOutputTarget(output, io::formatForOutput(output));
    const structure::StructureOptions opt = cli::structureOptions(args, tool.common().seed);
    const structure::Generated g = structure::generateStructure(opt);

    core::VoxelVolume v;
    v.phase = g.phase;
    v.grain = g.grain;
    structure::storeParticleTable(v, g.particles, opt.pile.voxel_um);
    const core::Fractions fractions = core::phaseFractions(g.phase);
    const double svf = fractions.svfCam(), rho = fractions.density();
    v.metrics["svf_cam"] = svf;
    v.metrics["solid_fraction"] = rho;
    v.metrics["particles"] = std::int64_t(g.particles.size());
    v.metrics["particles_piled"] = std::int64_t(g.dropped);
    v.metrics["spread_moves"] = std::int64_t(g.spreadMoves);
    v.metrics[structure::kPileRecordMetric] = structure::pileRecordToJson(opt);  // for sinter's re-piling
    v.metrics["recipe"] = structure::recipeToJson(opt.pile.recipe);
    v.metrics["recipe_scaled"] = structure::recipeToJson(g.scaledRecipe);
    v.provenance.push_back(tool.provenance({}));
    io::writeVoxelFile(v, output);
    core::log().info("SVF_CAM {:.4f}, solid fraction {:.4f}, {} particles in the crop ({} piled)",
                     svf, rho, g.particles.size(), g.dropped);
    tool.writeJson({{"svf_cam", svf}, {"solid_fraction", rho},
                    {"particles", g.particles.size()}, {"particles_piled", g.dropped},
                    {"spread_moves", g.spreadMoves}},
                   {}, output);
  });
}
