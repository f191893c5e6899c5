#pragma once
// Reading and writing voxel files in every supported format.
//
//   HDF5 (.h5)          canonical: everything in core::VoxelVolume
//   OpenVDB (.vdb)      /phase as an Int32 grid, fields as float grids, the rest
//                       as file metadata
//   TIFF/MHA/NRRD       image stacks: one channel (/phase); grey values mapped
//                       to phases with a PhaseMap; TIFF with ImageJ's scale
//
// The input format is detected from the content (magic bytes), the output
// format from the extension; "-" is stdin/stdout (HDF5 by default).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/VoxelVolume.hpp"

namespace ssb::io {

inline constexpr const char* kFormatName = "ssbvox";
inline constexpr int kFormatVersion = 1;

enum class Format { Hdf5, Vdb, Tiff, Mha, Nrrd };

std::string formatName(Format f);  // "hdf5", "vdb", "tiff", "mha", "nrrd"
// Parses "h5"/"hdf5", "vdb", "tif"/"tiff", "mha", "nrrd"; throws InputError
// naming `what` (e.g. "--format") otherwise.
Format parseFormat(const std::string& name, const std::string& what);
// From the first bytes of a file; nullopt if not recognised.
std::optional<Format> detectFormat(const std::string& bytes);
// From an output path's extension; "-" gives HDF5. Throws InputError.
Format formatForOutput(const std::string& path);

// Grey value ranges mapped to phase codes, for image stacks:
// "0:pore,128:se,255:cam" or "0-99:pore,100-199:se,200-255:cam".
struct PhaseMap {
  struct Range {
    double lo, hi;
    std::uint8_t phase;
  };
  std::vector<Range> ranges;
  static PhaseMap parse(const std::string& text);  // throws InputError naming --phase-map
  std::optional<std::uint8_t> map(double grey) const;
};

struct ReadOptions {
  std::optional<Format> format;       // force a format instead of detecting it
  std::optional<PhaseMap> phaseMap;   // image stacks: grey -> phase
  std::optional<double> voxelSize_um; // image stacks: overrides the spacing in the file
  // HDF5: leave /grain and /fields unread (a tool that needs only the phases
  // and material ids, and writes nothing back, skips decompressing them).
  bool skipGrainAndFields = false;
};

struct InputFile {
  std::string path;    // as given ("-" for stdin)
  Format format{};
  std::string sha256;  // of the file's bytes
  std::uint64_t sizeBytes = 0;
  core::VoxelVolume volume;
};

// Reads and checks a voxel file. Every problem with the input (missing,
// unknown format, truncated, corrupt, wrong layout, invalid values) throws
// core::InputError with a one-line message naming the file and dataset.
InputFile readVoxelFile(const std::string& path, const ReadOptions& options = {});

// Writes `volume` to `path` ("-" = stdout) atomically in `format` (default:
// from the extension). Image stack formats carry /phase only.
void writeVoxelFile(const core::VoxelVolume& volume, const std::string& path,
                    std::optional<Format> format = std::nullopt);

// Checks, before any work is done, that `path` can take a file of `format`:
// its folder exists, and stdout ("-") only for HDF5 and OpenVDB.
void checkOutputTarget(const std::string& path, Format format);

// Format-specific entry points (used by the above and by tests).
core::VoxelVolume readHdf5(const std::string& bytes, const std::string& source, bool skipGrainAndFields = false);
std::string writeHdf5Image(const core::VoxelVolume& volume);  // the whole file, in memory
void writeHdf5File(const core::VoxelVolume& volume, const std::string& path);
core::VoxelVolume readVdb(const std::string& bytes, const std::string& source);
std::string writeVdbBytes(const core::VoxelVolume& volume);
core::VoxelVolume readImageStack(const std::string& path, const std::string& source, Format format,
                           const ReadOptions& options);
void writeImageStack(const core::VoxelVolume& volume, const std::string& path);
// TIFF stacks with their scale in ImageJ's tags (TiffStack.cpp): written
// with it, and the voxel size read back (nullopt where the file has none;
// throws InputError for a scale that is not cubic or in an unknown unit).
void writeTiffStack(const core::VoxelVolume& volume, const std::string& path);
std::optional<double> tiffVoxelSize_um(const std::string& path, const std::string& source);

}  // namespace ssb::io
