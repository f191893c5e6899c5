// voxconvert: converts voxel files between HDF5 (.h5), OpenVDB (.vdb) and
// image stacks (.tif, .mha, .nrrd); `voxconvert info FILE` describes one.
//
//   voxconvert scan.tif --phase-map 0:pore,128:se,255:cam --voxel-um 0.1 -o scan.h5
//   voxconvert a.h5 -o - | voxconvert - -o b.vdb
//   voxconvert info b.vdb --json -
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "core/Log.hpp"
#include "io/Files.hpp"
#include "io/Summary.hpp"
#include "io/VoxelFile.hpp"

namespace {

struct Options {
  std::string input = "-";
  std::string output;
  std::string format;    // output format override
  std::string phaseMap;  // image stacks in: grey -> phase
  std::optional<double> voxelSize_um;
};

ssb::io::ReadOptions readOptions(const Options& opt) {
  ssb::io::ReadOptions r;
  if (!opt.phaseMap.empty()) r.phaseMap = ssb::io::PhaseMap::parse(opt.phaseMap);
  r.voxelSize_um = opt.voxelSize_um;
  return r;
}

void convert(const ssb::cli::Tool& tool, const Options& opt) {
  using namespace ssb;
  std::optional<io::Format> format;
  if (!opt.format.empty()) format = io::parseFormat(opt.format, "--format");
  const io::Format outFormat = format ? *format : io::formatForOutput(opt.output);
  io::checkOutputTarget(opt.output, outFormat);
  if (io::isStdStream(opt.output) && tool.jsonToStdout())
    throw core::InputError("--json -: stdout already carries the voxel file (-o -); give --json a file");
  io::InputFile in = io::readVoxelFile(opt.input, readOptions(opt));
  core::log().info("read {} ({}, {} voxels)", opt.input, io::formatName(in.format),
                   in.volume.phase.size());
  if (outFormat != io::Format::Hdf5 && outFormat != io::Format::Vdb) {
    const auto names = in.volume.datasetNames();
    if (names.size() > 1 || !in.volume.provenance.empty())
      core::log().warn("{} image stacks carry /phase only: other datasets and provenance are dropped",
                       io::formatName(outFormat));
  }
  in.volume.provenance.push_back(tool.provenance({&in}));
  io::writeVoxelFile(in.volume, opt.output, outFormat);
  core::log().info("wrote {} ({})", opt.output, io::formatName(outFormat));
  nlohmann::json m;
  m["shape_zyx"] = {in.volume.shape().nz, in.volume.shape().ny, in.volume.shape().nx};
  m["output_format"] = io::formatName(outFormat);
  tool.writeJson(m, {&in}, opt.output);
}

void info(const ssb::cli::Tool& tool, const Options& opt) {
  using namespace ssb;
  const io::InputFile in = io::readVoxelFile(opt.input, readOptions(opt));
  const nlohmann::json d = io::describe(in);
  if (!tool.jsonToStdout()) io::printDescription(std::cout, d);
  tool.writeJson(d, {&in}, "");
}

}  // namespace

int main(int argc, char** argv) {
  ssb::cli::Tool tool("voxconvert", "Convert ssbvox voxel files between HDF5, OpenVDB and image "
                                    "stacks (TIFF, MHA, NRRD), or describe one with 'info'.");
  Options opt;
  CLI::App& app = tool.app();
  app.fallthrough();
  app.require_subcommand(0, 1);
  auto addReadOptions = [&](CLI::App& a) {
    a.add_option("--phase-map", opt.phaseMap,
                 "Image stacks: grey values to phases, e.g. 0:pore,128:se,255:cam or "
                 "0-99:pore,100-199:se,200-255:cam");
    a.add_option("--voxel-um", opt.voxelSize_um, "Image stacks: voxel size in micrometres")
        ->check(ssb::cli::Positive);
  };
  app.add_option("input", opt.input, "Input file, or - for stdin")->capture_default_str();
  app.add_option("-o,--output", opt.output, "Output file (.h5, .vdb, .tif, .mha, .nrrd) or - for stdout");
  app.add_option("--format", opt.format, "Output format, overriding the extension")
      ->check(CLI::IsMember({"h5", "hdf5", "vdb", "tif", "tiff", "mha", "nrrd"}));
  addReadOptions(app);

  CLI::App* infoCmd = app.add_subcommand("info", "Describe a voxel file (table, or JSON with --json)");
  infoCmd->add_option("input", opt.input, "Input file, or - for stdin")->capture_default_str();

  return tool.run(argc, argv, [&] {
    if (infoCmd->parsed()) {
      info(tool, opt);
      return;
    }
    if (opt.output.empty()) throw ssb::core::InputError("-o: an output file (or -) is required");
    convert(tool, opt);
  });
}
