#include "io/VoxelFile.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "io/Files.hpp"
#include "io/Sha256.hpp"

namespace ssb::io {

using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;

using core::InputError;

std::string formatName(Format f) {
  switch (f) {
    case Format::Hdf5: return "hdf5";
    case Format::Vdb: return "vdb";
    case Format::Tiff: return "tiff";
    case Format::Mha: return "mha";
    case Format::Nrrd: return "nrrd";
  }
  return "unknown";
}

Format parseFormat(const std::string& name, const std::string& what) {
  if (name == "h5" || name == "hdf5") return Format::Hdf5;
  if (name == "vdb") return Format::Vdb;
  if (name == "tif" || name == "tiff") return Format::Tiff;
  if (name == "mha") return Format::Mha;
  if (name == "nrrd") return Format::Nrrd;
  throw InputError(what + ": unknown format '" + name + "' (expected h5, vdb, tif, mha or nrrd)");
}

std::optional<Format> detectFormat(const std::string& bytes) {
  auto starts = [&](const char* magic, std::size_t n) {
    return bytes.size() >= n && bytes.compare(0, n, magic, n) == 0;
  };
  if (starts("\x89HDF\r\n\x1a\n", 8)) return Format::Hdf5;
  if (starts("\x20\x42\x44\x56", 4)) return Format::Vdb;  // OpenVDB magic 0x56444220, little-endian
  if (starts("II*\0", 4) || starts("MM\0*", 4) || starts("II+\0", 4) || starts("MM\0+", 4))
    return Format::Tiff;
  if (starts("NRRD000", 7)) return Format::Nrrd;
  // MetaImage: a text header of "Key = value" lines.
  const std::string head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024));
  if (head.rfind("ObjectType", 0) == 0 || head.rfind("NDims", 0) == 0) return Format::Mha;
  return std::nullopt;
}

Format formatForOutput(const std::string& path) {
  if (isStdStream(path)) return Format::Hdf5;
  const std::string ext = extensionOf(path);
  if (ext.empty())
    throw InputError(path + ": output has no extension; use .h5, .vdb, .tif, .mha or .nrrd, or --format");
  return parseFormat(ext, path);
}

PhaseMap PhaseMap::parse(const std::string& text) {
  PhaseMap m;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const auto colon = item.rfind(':');
    if (colon == std::string::npos)
      throw InputError("--phase-map: '" + item + "' is not GREY:PHASE or LO-HI:PHASE");
    const std::string range = item.substr(0, colon);
    const auto phase = core::parsePhase(item.substr(colon + 1));
    if (!phase)
      throw InputError("--phase-map: '" + item.substr(colon + 1) +
                       "' is not a phase (pore, se, cam or 0, 1, 2)");
    // A '-' after the first character separates LO and HI (LO itself may be negative).
    const auto dash = range.find('-', 1);
    auto number = [&](const std::string& s) {
      char* end = nullptr;
      const double v = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v))
        throw InputError("--phase-map: '" + s + "' is not a grey value");
      return v;
    };
    Range r{};
    r.lo = number(dash == std::string::npos ? range : range.substr(0, dash));
    r.hi = dash == std::string::npos ? r.lo : number(range.substr(dash + 1));
    r.phase = *phase;
    if (r.hi < r.lo) throw InputError("--phase-map: range '" + range + "' has HI < LO");
    for (const auto& o : m.ranges)
      if (r.lo <= o.hi && o.lo <= r.hi)
        throw InputError("--phase-map: range '" + range + "' overlaps another");
    m.ranges.push_back(r);
  }
  if (m.ranges.empty()) throw InputError("--phase-map: empty");
  return m;
}

std::optional<std::uint8_t> PhaseMap::map(double grey) const {
  for (const auto& r : ranges)
    if (grey >= r.lo && grey <= r.hi) return r.phase;
  return std::nullopt;
}

namespace {

// ITK reads from paths only: stdin's bytes go to a temporary file first.
VoxelVolume readImageBytes(const std::string& bytes, const std::string& path, Format format,
                           const ReadOptions& options) {
  if (!isStdStream(path)) return readImageStack(path, path, format, options);
  const std::string ext = format == Format::Tiff ? ".tif" : format == Format::Mha ? ".mha" : ".nrrd";
  char dir[] = "/tmp/ssbvox-stdin-XXXXXX";
  if (!mkdtemp(dir)) throw core::RuntimeFailure("cannot create a temporary directory in /tmp");
  const std::string tmp = std::string(dir) + "/stdin" + ext;
  struct Cleanup {
    std::string file, dir;
    ~Cleanup() {
      std::remove(file.c_str());
      std::remove(dir.c_str());
    }
  } cleanup{tmp, dir};
  writeAllBytes(tmp, bytes);
  return readImageStack(tmp, "stdin", format, options);
}

}  // namespace

InputFile readVoxelFile(const std::string& path, const ReadOptions& options) {
  InputFile in;
  in.path = path;
  const std::string source = isStdStream(path) ? "stdin" : path;
  const std::string bytes = readAllBytes(path);
  in.sizeBytes = bytes.size();
  in.sha256 = toHex(sha256(bytes.data(), bytes.size()));
  const auto detected = detectFormat(bytes);
  if (options.format) {
    in.format = *options.format;
  } else if (detected) {
    in.format = *detected;
  } else {
    throw InputError(source + ": unknown file format (expected HDF5, OpenVDB, TIFF, MHA or NRRD)");
  }
  switch (in.format) {
    case Format::Hdf5: in.volume = readHdf5(bytes, source, options.skipGrainAndFields); break;
    case Format::Vdb: in.volume = readVdb(bytes, source); break;
    default: in.volume = readImageBytes(bytes, path, in.format, options); break;
  }
  return in;
}

void checkOutputTarget(const std::string& path, Format format) {
  if (isStdStream(path)) {
    if (format != Format::Hdf5 && format != Format::Vdb)
      throw InputError("-o -: image stacks cannot be written to stdout; use h5 or vdb");
    return;
  }
  AtomicOutputFile probe(path);  // throws if the folder does not exist; creates nothing
}

void writeVoxelFile(const VoxelVolume& volume, const std::string& path,
                    std::optional<Format> format) {
  const Format f = format ? *format : formatForOutput(path);
  switch (f) {
    case Format::Hdf5: writeHdf5File(volume, path); break;
    case Format::Vdb: writeAllBytes(path, writeVdbBytes(volume)); break;
    case Format::Tiff:
      checkOutputTarget(path, f);
      volume.validate("output");
      writeTiffStack(volume, path);
      break;
    default:
      checkOutputTarget(path, f);
      writeImageStack(volume, path);
      break;
  }
}

}  // namespace ssb::io
