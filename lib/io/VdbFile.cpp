// OpenVDB voxel files: /phase, /grain and /material_id as Int32 grids of the
// same names, each field as a float grid "fields/<name>", index space
// (i, j, k) = (x, y, z) with a linear transform of the voxel size in
// micrometres (the world unit).
// The rest of the voxel file (shape, series, metrics, provenance) travels as
// file metadata ("ssbvox.*", JSON text where structured).
//
// OpenVDB files carry no checksum and OpenVDB trusts what it reads, so ssbvox
// appends an integrity trailer after the VDB stream: "ssbvox-sha256:" and the
// hex SHA-256 of every byte before it. Readers of the VDB format ignore bytes
// after the last grid; ssbvox verifies the trailer before parsing, and refuses
// a file whose header says ssbvox but whose trailer is missing or wrong.
#include <openvdb/io/Stream.h>
#include <openvdb/openvdb.h>
#include <openvdb/tools/Dense.h>

#include <cstring>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/Error.hpp"
#include "io/Files.hpp"
#include "io/Sha256.hpp"
#include "io/VoxelFile.hpp"

namespace ssb::io {

using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;

using core::Grid;
using core::InputError;
using core::Shape;
using nlohmann::json;

namespace {

constexpr const char* kTrailerTag = "ssbvox-sha256:";
constexpr std::size_t kTrailerTagSize = 14;
constexpr std::size_t kTrailerSize = kTrailerTagSize + 64;
constexpr const char* kMarker = "ssbvox.format";

void initVdb() {
  static std::once_flag once;
  std::call_once(once, [] { openvdb::initialize(); });
}

openvdb::CoordBBox boxOf(const Shape& s) {
  return openvdb::CoordBBox(openvdb::Coord(0, 0, 0),
                            openvdb::Coord(static_cast<int>(s.nx) - 1, static_cast<int>(s.ny) - 1,
                                           static_cast<int>(s.nz) - 1));
}

template <typename GridT, typename T>
typename GridT::Ptr toVdb(const Grid<T>& grid, const std::string& name,
                          const openvdb::math::Transform::Ptr& xform) {
  auto out = GridT::create(typename GridT::ValueType(0));
  // x varies fastest in a Grid, which is OpenVDB's LayoutXYZ.
  openvdb::tools::Dense<T, openvdb::tools::LayoutXYZ> dense(boxOf(grid.shape()),
                                                            const_cast<T*>(grid.data()));
  openvdb::tools::copyFromDense(dense, *out, typename GridT::ValueType(0));
  out->setName(name);
  out->setTransform(xform);
  return out;
}

template <typename T, typename GridT>
Grid<T> fromVdb(const GridT& vdb, const Shape& shape, double voxelSize_m) {
  Grid<T> grid(shape, voxelSize_m);
  openvdb::tools::Dense<T, openvdb::tools::LayoutXYZ> dense(boxOf(shape), grid.data());
  openvdb::tools::copyToDense(vdb, dense);
  return grid;
}

json provenanceToJson(const std::vector<ProvenanceRecord>& records) {
  json a = json::array();
  for (const auto& p : records)
    a.push_back({{"tool", p.tool},
                 {"version", p.version},
                 {"git_commit", p.gitCommit},
                 {"command_line", p.commandLine},
                 {"parameters", p.parametersJson},
                 {"inputs_sha256", p.inputsSha256Json},
                 {"seed", p.seed},
                 {"wall_time_s", p.wallTime_s},
                 {"timestamp", p.timestampUtc}});
  return a;
}

std::vector<ProvenanceRecord> provenanceFromJson(const json& a) {
  std::vector<ProvenanceRecord> out;
  for (const auto& e : a) {
    ProvenanceRecord p;
    p.tool = e.at("tool").get<std::string>();
    p.version = e.at("version").get<std::string>();
    p.gitCommit = e.at("git_commit").get<std::string>();
    p.commandLine = e.at("command_line").get<std::string>();
    p.parametersJson = e.at("parameters").get<std::string>();
    p.inputsSha256Json = e.at("inputs_sha256").get<std::string>();
    p.seed = e.at("seed").get<std::uint64_t>();
    p.wallTime_s = e.at("wall_time_s").get<double>();
    p.timestampUtc = e.at("timestamp").get<std::string>();
    out.push_back(std::move(p));
  }
  return out;
}

template <typename T>
T metaValue(const openvdb::MetaMap& meta, const std::string& name, const std::string& source) {
  auto m = meta.getMetadata<openvdb::TypedMetadata<T>>(name);
  if (!m) throw InputError(source + ": VDB metadata '" + name + "' missing or of the wrong type");
  return m->value();
}

// Checks the integrity trailer; returns the length of the VDB stream before it.
std::size_t verifiedLength(const std::string& bytes, const std::string& source) {
  const bool hasTrailer = bytes.size() > kTrailerSize &&
                          bytes.compare(bytes.size() - kTrailerSize, kTrailerTagSize, kTrailerTag) == 0;
  const bool claimsSsbvox =
      bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096)).find(kMarker) != std::string::npos;
  if (!hasTrailer) {
    if (claimsSsbvox)
      throw InputError(source + ": truncated or corrupt ssbvox VDB file (integrity trailer missing)");
    return bytes.size();  // a VDB file from another program
  }
  const std::size_t length = bytes.size() - kTrailerSize;
  const std::string want = bytes.substr(length + kTrailerTagSize);
  if (toHex(sha256(bytes.data(), length)) != want)
    throw InputError(source + ": corrupt VDB file (SHA-256 of its content does not match its trailer)");
  return length;
}

// A read-only stream over a byte range, without copying it.
struct MemoryBuffer : std::streambuf {
  MemoryBuffer(const char* data, std::size_t size) {
    char* p = const_cast<char*>(data);
    setg(p, p, p + size);
  }
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    char* target = dir == std::ios_base::beg ? eback() + off
                   : dir == std::ios_base::cur ? gptr() + off
                                               : egptr() + off;
    if (target < eback() || target > egptr()) return pos_type(off_type(-1));
    setg(eback(), target, egptr());
    return pos_type(target - eback());
  }
  pos_type seekpos(pos_type pos, std::ios_base::openmode which) override {
    return seekoff(off_type(pos), std::ios_base::beg, which);
  }
};

VoxelVolume parseVdb(const std::string& bytes, std::size_t length, const std::string& source) {
  MemoryBuffer buffer(bytes.data(), length);
  std::istream in(&buffer);
  openvdb::io::Stream stream(in, /*delayLoad=*/false);
  auto meta = stream.getMetadata();
  auto grids = stream.getGrids();
  if (!meta || !grids) throw InputError(source + ": VDB stream holds no grids");

  auto find = [&](const std::string& name) -> openvdb::GridBase::Ptr {
    for (auto& g : *grids)
      if (g && g->getName() == name) return g;
    return nullptr;
  };
  auto phaseBase = find("phase");
  if (!phaseBase) throw InputError(source + ": VDB file has no grid named 'phase'");
  auto phaseGrid = openvdb::gridPtrCast<openvdb::Int32Grid>(phaseBase);
  if (!phaseGrid) throw InputError(source + ": VDB grid 'phase' is not an Int32 grid");

  VoxelVolume v;
  Shape shape;
  double h = 0.0;
  const bool ours = (*meta)[kMarker] != nullptr;
  if (ours) {
    if (metaValue<std::string>(*meta, kMarker, source) != kFormatName ||
        metaValue<openvdb::Int32>(*meta, "ssbvox.format_version", source) != kFormatVersion)
      throw InputError(source + ": VDB metadata names an unsupported ssbvox format version");
    const auto s = metaValue<openvdb::Vec3i>(*meta, "ssbvox.shape_zyx", source);
    if (s[0] <= 0 || s[1] <= 0 || s[2] <= 0)
      throw InputError(source + ": VDB metadata ssbvox.shape_zyx is not positive");
    shape = Shape{std::size_t(s[0]), std::size_t(s[1]), std::size_t(s[2])};
    h = metaValue<double>(*meta, "ssbvox.voxel_size_m", source);
  } else {
    // Another program's file: the active voxels' bounding box is the volume.
    const auto box = phaseGrid->evalActiveVoxelBoundingBox();
    if (box.empty()) throw InputError(source + ": VDB grid 'phase' has no active voxels");
    if (box.min() != openvdb::Coord(0, 0, 0))
      throw InputError(source + ": VDB grid 'phase' must start at index (0,0,0)");
    const auto d = box.dim();
    shape = Shape{std::size_t(d.z()), std::size_t(d.y()), std::size_t(d.x())};
    h = phaseGrid->voxelSize()[0] * 1e-6;  // world units: micrometres
  }
  v.phase = fromVdb<std::uint8_t>(*phaseGrid, shape, h);
  if (auto g = find("grain")) {
    auto grid = openvdb::gridPtrCast<openvdb::Int32Grid>(g);
    if (!grid) throw InputError(source + ": VDB grid 'grain' is not an Int32 grid");
    v.grain = fromVdb<std::uint32_t>(*grid, shape, h);
  }
  if (auto g = find("material_id")) {
    auto grid = openvdb::gridPtrCast<openvdb::Int32Grid>(g);
    if (!grid) throw InputError(source + ": VDB grid 'material_id' is not an Int32 grid");
    v.materialId = fromVdb<std::uint8_t>(*grid, shape, h);
  }
  for (auto& g : *grids) {
    if (!g || g->getName().rfind("fields/", 0) != 0) continue;
    auto grid = openvdb::gridPtrCast<openvdb::FloatGrid>(g);
    if (!grid) throw InputError(source + ": VDB grid '" + g->getName() + "' is not a float grid");
    v.fields.emplace(g->getName().substr(7), fromVdb<float>(*grid, shape, h));
  }
  if (ours) {
    try {
      const json series = json::parse(metaValue<std::string>(*meta, "ssbvox.series", source));
      for (const auto& [name, values] : series.items()) {
        auto& out = v.series[name];
        for (const auto& x : values)
          out.push_back(x.is_null() ? std::numeric_limits<double>::quiet_NaN() : x.get<double>());
      }
      const json metrics = json::parse(metaValue<std::string>(*meta, "ssbvox.metrics", source));
      for (const auto& [name, value] : metrics.items()) {
        if (value.is_null())  // JSON has no NaN: it travels as null
          v.metrics[name] = std::numeric_limits<double>::quiet_NaN();
        else if (value.is_number_integer())
          v.metrics[name] = value.get<std::int64_t>();
        else if (value.is_number())
          v.metrics[name] = value.get<double>();
        else
          v.metrics[name] = value.get<std::string>();
      }
      v.provenance =
          provenanceFromJson(json::parse(metaValue<std::string>(*meta, "ssbvox.provenance", source)));
    } catch (const json::exception& e) {
      throw InputError(source + ": VDB metadata is not valid ssbvox JSON: " + e.what());
    }
  }
  return v;
}

}  // namespace

VoxelVolume readVdb(const std::string& bytes, const std::string& source) {
  initVdb();
  const std::size_t length = verifiedLength(bytes, source);
  VoxelVolume v;
  try {
    v = parseVdb(bytes, length, source);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(source + ": not a readable VDB file (" + std::string(e.what()) + ")");
  }
  v.validate(source);
  return v;
}

std::string writeVdbBytes(const VoxelVolume& volume) {
  initVdb();
  volume.validate("output");
  const Shape& s = volume.shape();
  const double h = volume.voxelSize_m();
  // World units are micrometres: OpenVDB refuses scales as small as 1e-7 (m),
  // and viewers then show lengths in the unit the paper uses. The exact size in
  // metres travels as metadata.
  auto xform = openvdb::math::Transform::createLinearTransform(h * 1e6);

  openvdb::GridPtrVec grids;
  grids.push_back(toVdb<openvdb::Int32Grid>(volume.phase, "phase", xform));
  if (volume.grain) grids.push_back(toVdb<openvdb::Int32Grid>(*volume.grain, "grain", xform));
  if (volume.materialId)
    grids.push_back(toVdb<openvdb::Int32Grid>(*volume.materialId, "material_id", xform));
  for (const auto& [name, f] : volume.fields)
    grids.push_back(toVdb<openvdb::FloatGrid>(f, "fields/" + name, xform));

  openvdb::MetaMap meta;
  meta.insertMeta(kMarker, openvdb::StringMetadata(kFormatName));
  meta.insertMeta("ssbvox.format_version", openvdb::Int32Metadata(kFormatVersion));
  meta.insertMeta("ssbvox.shape_zyx",
                  openvdb::Vec3IMetadata(openvdb::Vec3i(int(s.nz), int(s.ny), int(s.nx))));
  meta.insertMeta("ssbvox.voxel_size_m", openvdb::DoubleMetadata(h));
  json series = json::object(), metrics = json::object();
  for (const auto& [name, values] : volume.series) series[name] = values;
  for (const auto& [name, value] : volume.metrics)
    std::visit([&, n = name](const auto& x) { metrics[n] = x; }, value);
  // Invalid UTF-8 (from a damaged or foreign input) is replaced, not fatal.
  auto text = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  meta.insertMeta("ssbvox.series", openvdb::StringMetadata(text(series)));
  meta.insertMeta("ssbvox.metrics", openvdb::StringMetadata(text(metrics)));
  meta.insertMeta("ssbvox.provenance", openvdb::StringMetadata(text(provenanceToJson(volume.provenance))));

  std::ostringstream out(std::ios::binary);
  openvdb::io::Stream(out).write(grids, meta);
  std::string bytes = std::move(out).str();
  const std::string digest = toHex(sha256(bytes.data(), bytes.size()));
  bytes += kTrailerTag;
  bytes += digest;
  return bytes;
}

}  // namespace ssb::io
