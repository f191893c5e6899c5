// HDF5 voxel file, format version 1 (docs/formats.md).
//
// Files are written with the HDF5 1.10 object formats (H5Pset_libver_bounds
// V110): their metadata (superblock, object headers, chunk indices) carries
// checksums, so a bit flip or truncation is reported as an error instead of
// being parsed as garbage. Chunk data is deflate-compressed; zlib's adler32
// catches damage there.
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>

#include "core/Error.hpp"
#include "io/Files.hpp"
#include "io/RecordFile.hpp"
#include "io/VoxelFile.hpp"

namespace ssb::io {

using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;

using core::Grid;
using core::InputError;
using core::RuntimeFailure;
using core::Shape;

namespace {

void initHdf5() {
  static std::once_flag once;
  std::call_once(once, [] {
    H5open();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported by us, in one line
  });
}

// The deepest message on HDF5's error stack, e.g. "filter returned failure".
std::string hdf5Detail() {
  std::string deepest;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
        if (e && e->desc && *e->desc) *static_cast<std::string*>(data) = e->desc;
        return 0;
      },
      &deepest);
  H5Eclear2(H5E_DEFAULT);
  return deepest.empty() ? std::string() : " (HDF5: " + deepest + ")";
}

// Owns an HDF5 identifier and closes it with the right function.
class Hid {
 public:
  Hid() = default;
  Hid(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) {}
  Hid(Hid&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = -1; }
  Hid& operator=(Hid&& o) noexcept {
    reset();
    id_ = o.id_;
    closer_ = o.closer_;
    o.id_ = -1;
    return *this;
  }
  ~Hid() { reset(); }
  void reset() {
    if (id_ >= 0 && closer_) closer_(id_);
    id_ = -1;
  }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  herr_t (*closer_)(hid_t) = nullptr;
};

// --- writing -----------------------------------------------------------------

void throwWrite(const std::string& what) {
  throw RuntimeFailure("HDF5 write failed: " + what + hdf5Detail());
}

Hid makeWriteFapl() {
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110) < 0) throwWrite("libver");
  // No aggregation blocks: they leave unused bytes in the file, where damage
  // would go unnoticed. Without them nearly every byte is checksummed metadata
  // or deflate-checked chunk data.
  if (H5Pset_meta_block_size(fapl, 0) < 0 || H5Pset_small_data_block_size(fapl, 0) < 0)
    throwWrite("block sizes");
  return fapl;
}

void writeStringAttr(hid_t obj, const char* name, const std::string& value) {
  Hid type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type, std::max<std::size_t>(value.size(), 1));
  H5Tset_cset(type, H5T_CSET_UTF8);
  H5Tset_strpad(type, H5T_STR_NULLPAD);
  Hid space(H5Screate(H5S_SCALAR), H5Sclose);
  Hid attr(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const std::string buf = value.empty() ? std::string(1, '\0') : value;
  if (!attr.valid() || H5Awrite(attr, type, buf.data()) < 0)
    throwWrite(std::string("attribute ") + name);
}

template <typename T>
void writeScalarAttr(hid_t obj, const char* name, hid_t fileType, hid_t memType, T value) {
  Hid space(H5Screate(H5S_SCALAR), H5Sclose);
  Hid attr(H5Acreate2(obj, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (!attr.valid() || H5Awrite(attr, memType, &value) < 0)
    throwWrite(std::string("attribute ") + name);
}

// Attributes stay in the (checksummed) object header even when there are many:
// dense attribute storage would put them in a fractal heap whose blocks HDF5
// does not checksum by default.
void keepAttributesCompact(hid_t createPlist) {
  H5Pset_attr_phase_change(createPlist, 1000, 900);
}
// Likewise links of groups with many members (fields, provenance steps).
void keepLinksCompact(hid_t groupCreatePlist) {
  H5Pset_link_phase_change(groupCreatePlist, 1000, 900);
}

Hid makeGroup(hid_t parent, const std::string& name) {
  Hid gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
  keepAttributesCompact(gcpl);
  keepLinksCompact(gcpl);
  Hid g(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose);
  if (!g.valid()) throwWrite("group " + name);
  return g;
}

// Chunks of whole z-slabs of about 1 MiB (slices wider than 4 MiB are split
// in y): large enough for fast deflate, small enough for partial reads.
std::array<hsize_t, 3> chunkShape(const Shape& s, std::size_t elementSize) {
  const std::size_t kSlab = 1u << 20, kMaxSlice = 4u << 20;
  std::size_t cy = s.ny;
  if (s.ny * s.nx * elementSize > kMaxSlice)
    cy = std::max<std::size_t>(1, kMaxSlice / (s.nx * elementSize));
  const std::size_t slice = cy * s.nx * elementSize;
  const std::size_t cz = std::clamp<std::size_t>(kSlab / std::max<std::size_t>(slice, 1), 1, s.nz);
  return {cz, cy, s.nx};
}

template <typename T>
Hid write3d(hid_t parent, const std::string& name, const Grid<T>& grid, hid_t fileType,
            hid_t memType) {
  const Shape& s = grid.shape();
  const hsize_t dims[3] = {s.nz, s.ny, s.nx};
  Hid space(H5Screate_simple(3, dims, nullptr), H5Sclose);
  Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  const auto chunk = chunkShape(s, sizeof(T));
  H5Pset_chunk(dcpl, 3, chunk.data());
  keepAttributesCompact(dcpl);
  if constexpr (sizeof(T) > 1) H5Pset_shuffle(dcpl);
  H5Pset_deflate(dcpl, 1);
  // Fletcher-32 after deflate checksums the compressed bytes: a flip that
  // still inflates to the same values (a back-reference moved within a run)
  // is caught too, so every damaged chunk is reported.
  H5Pset_fletcher32(dcpl);
  Hid ds(H5Dcreate2(parent, name.c_str(), fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
         H5Dclose);
  if (!ds.valid() || H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, grid.data()) < 0)
    throwWrite("dataset " + name);
  return ds;
}

void writeContent(hid_t file, const VoxelVolume& v) {
  writeStringAttr(file, "format", kFormatName);
  writeScalarAttr<int>(file, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT, kFormatVersion);
  {
    Hid ds = write3d(file, "phase", v.phase, H5T_STD_U8LE, H5T_NATIVE_UINT8);
    writeScalarAttr<double>(ds, "voxel_size_m", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                            v.voxelSize_m());
  }
  if (v.grain) write3d(file, "grain", *v.grain, H5T_STD_U32LE, H5T_NATIVE_UINT32);
  if (v.materialId) write3d(file, "material_id", *v.materialId, H5T_STD_U8LE, H5T_NATIVE_UINT8);
  if (!v.fields.empty()) {
    Hid g = makeGroup(file, "fields");
    for (const auto& [name, f] : v.fields) write3d(g, name, f, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT);
  }
  if (!v.series.empty()) {
    Hid g = makeGroup(file, "series");
    for (const auto& [name, values] : v.series) {
      const hsize_t n = values.size();
      Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose);
      // Chunked with a Fletcher-32 checksum, so damage to the values is detected.
      Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
      if (n > 0) {
        const hsize_t chunk = std::min<hsize_t>(n, 1u << 16);
        H5Pset_chunk(dcpl, 1, &chunk);
        H5Pset_fletcher32(dcpl);
      }
      Hid ds(H5Dcreate2(g, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
             H5Dclose);
      if (!ds.valid() ||
          (n > 0 && H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                             values.data()) < 0))
        throwWrite("series " + name);
    }
  }
  {
    Hid g = makeGroup(file, "metrics");
    for (const auto& [name, value] : v.metrics) {
      if (auto d = std::get_if<double>(&value))
        writeScalarAttr<double>(g, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, *d);
      else if (auto i = std::get_if<std::int64_t>(&value))
        writeScalarAttr<std::int64_t>(g, name.c_str(), H5T_STD_I64LE, H5T_NATIVE_INT64, *i);
      else
        writeStringAttr(g, name.c_str(), std::get<std::string>(value));
    }
  }
  {
    Hid g = makeGroup(file, "provenance");
    for (std::size_t n = 0; n < v.provenance.size(); ++n) {
      const auto& p = v.provenance[n];
      Hid step = makeGroup(g, std::to_string(n) + "_" + p.tool);
      writeStringAttr(step, "tool", p.tool);
      writeStringAttr(step, "version", p.version);
      writeStringAttr(step, "git_commit", p.gitCommit);
      writeStringAttr(step, "command_line", p.commandLine);
      writeStringAttr(step, "parameters", p.parametersJson);
      writeStringAttr(step, "inputs_sha256", p.inputsSha256Json);
      writeScalarAttr<std::uint64_t>(step, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, p.seed);
      writeScalarAttr<double>(step, "wall_time_s", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                              p.wallTime_s);
      writeStringAttr(step, "timestamp", p.timestampUtc);
    }
  }
}

// --- reading -----------------------------------------------------------------

struct Reader {
  hid_t file;
  const std::string& source;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(source + ": " + what + hdf5Detail());
  }

  bool exists(hid_t parent, const std::string& name) const {
    const htri_t e = H5Lexists(parent, name.c_str(), H5P_DEFAULT);
    if (e < 0) fail("cannot look up '" + name + "'");
    return e > 0;
  }

  Hid openObject(hid_t parent, const std::string& name, H5I_type_t want,
                 const std::string& path) const {
    Hid obj(H5Oopen(parent, name.c_str(), H5P_DEFAULT), H5Oclose);
    if (!obj.valid()) fail(path + ": cannot open (corrupt file?)");
    if (H5Iget_type(obj) != want)
      fail(path + ": expected a " + std::string(want == H5I_GROUP ? "group" : "dataset"));
    return obj;
  }

  std::vector<std::string> linkNames(hid_t group, const std::string& path) const {
    std::vector<std::string> names;
    hsize_t idx = 0;
    const herr_t rc = H5Literate(
        group, H5_INDEX_NAME, H5_ITER_INC, &idx,
        [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
          static_cast<std::vector<std::string>*>(data)->emplace_back(name);
          return 0;
        },
        &names);
    if (rc < 0) fail(path + ": cannot list members");
    return names;
  }

  std::vector<std::string> attributeNames(hid_t obj, const std::string& path) const {
    std::vector<std::string> names;
    hsize_t idx = 0;
    const herr_t rc = H5Aiterate2(
        obj, H5_INDEX_NAME, H5_ITER_INC, &idx,
        [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
          static_cast<std::vector<std::string>*>(data)->emplace_back(name);
          return 0;
        },
        &names);
    if (rc < 0) fail(path + ": cannot list attributes");
    return names;
  }

  Hid openAttr(hid_t obj, const std::string& name, const std::string& path) const {
    const htri_t e = H5Aexists(obj, name.c_str());
    if (e < 0) fail(path + ": cannot read attributes");
    if (e == 0) fail(path + ": missing attribute '" + name + "'");
    Hid a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
    if (!a.valid()) fail(path + ": cannot open attribute '" + name + "'");
    Hid space(H5Aget_space(a), H5Sclose);
    if (H5Sget_simple_extent_type(space) != H5S_SCALAR)
      fail(path + ": attribute '" + name + "' must be a scalar");
    return a;
  }

  H5T_class_t attrClass(hid_t attr) const {
    Hid t(H5Aget_type(attr), H5Tclose);
    return H5Tget_class(t);
  }

  std::string readString(hid_t attr, const std::string& what) const {
    Hid ftype(H5Aget_type(attr), H5Tclose);
    if (H5Tget_class(ftype) != H5T_STRING) fail(what + " must be a string");
    if (H5Tis_variable_str(ftype) > 0) {
      Hid mtype(H5Tcopy(H5T_C_S1), H5Tclose);
      H5Tset_size(mtype, H5T_VARIABLE);
      H5Tset_cset(mtype, H5Tget_cset(ftype));
      char* p = nullptr;
      if (H5Aread(attr, mtype, &p) < 0) fail("cannot read " + what);
      std::string s = p ? p : "";
      H5free_memory(p);
      return s;
    }
    const std::size_t size = H5Tget_size(ftype);
    if (size == 0 || size > (64u << 20)) fail(what + " has an invalid string size");
    std::string buf(size, '\0');
    Hid mtype(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mtype, size);
    H5Tset_cset(mtype, H5Tget_cset(ftype));
    H5Tset_strpad(mtype, H5T_STR_NULLPAD);
    if (H5Aread(attr, mtype, buf.data()) < 0) fail("cannot read " + what);
    buf.resize(std::strlen(buf.c_str()));
    return buf;
  }

  std::string stringAttr(hid_t obj, const std::string& name, const std::string& path) const {
    Hid a = openAttr(obj, name, path);
    return readString(a, path + " attribute '" + name + "'");
  }

  template <typename T>
  T numberAttr(hid_t obj, const std::string& name, const std::string& path, hid_t memType,
               bool integer) const {
    Hid a = openAttr(obj, name, path);
    const H5T_class_t c = attrClass(a);
    if (integer ? c != H5T_INTEGER : (c != H5T_FLOAT && c != H5T_INTEGER))
      fail(path + " attribute '" + name + "' must be " + (integer ? "an integer" : "a number"));
    T value{};
    if (H5Aread(a, memType, &value) < 0) fail("cannot read " + path + " attribute '" + name + "'");
    return value;
  }

  static std::string describeType(hid_t type) {
    const H5T_class_t c = H5Tget_class(type);
    const std::size_t bits = 8 * H5Tget_size(type);
    if (c == H5T_INTEGER)
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
    if (c == H5T_FLOAT) return "float" + std::to_string(bits);
    if (c == H5T_STRING) return "string";
    return "a non-numeric type";
  }

  // Opens a dataset and checks its element type and rank; returns its dims.
  Hid openDataset(hid_t parent, const std::string& name, const std::string& path,
                  H5T_class_t wantClass, std::size_t wantSize, bool wantUnsigned, int wantRank,
                  const std::string& wantName, std::vector<hsize_t>& dims) const {
    Hid ds = openObject(parent, name, H5I_DATASET, path);
    Hid type(H5Dget_type(ds), H5Tclose);
    const bool ok = H5Tget_class(type) == wantClass && H5Tget_size(type) == wantSize &&
                    (wantClass != H5T_INTEGER ||
                     (H5Tget_sign(type) == H5T_SGN_NONE) == wantUnsigned);
    if (!ok) fail(path + ": element type " + describeType(type) + ", expected " + wantName);
    Hid space(H5Dget_space(ds), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank != wantRank)
      fail(path + ": rank " + std::to_string(rank) + ", expected " + std::to_string(wantRank) +
           (wantRank == 3 ? " [nz, ny, nx]" : ""));
    dims.assign(static_cast<std::size_t>(rank), 0);
    if (H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0)
      fail(path + ": cannot read its shape");
    // A damaged header could claim an absurd size: refuse what cannot fit in memory.
    const double bytes = static_cast<double>(wantSize) *
                         [&] { double n = 1; for (auto d : dims) n *= static_cast<double>(d); return n; }();
    const double memory = static_cast<double>(sysconf(_SC_PHYS_PAGES)) *
                          static_cast<double>(sysconf(_SC_PAGE_SIZE));
    if (bytes > memory)
      fail(path + ": claims " + std::to_string(bytes / 1e9) + " GB, more than this machine's memory");
    return ds;
  }

  template <typename T>
  Grid<T> read3d(hid_t parent, const std::string& name, const std::string& path, H5T_class_t cls,
                 bool isUnsigned, const std::string& typeName, hid_t memType,
                 const Shape* expected, double voxelSize_m) const {
    std::vector<hsize_t> dims;
    Hid ds = openDataset(parent, name, path, cls, sizeof(T), isUnsigned, 3, typeName, dims);
    const Shape shape{dims[0], dims[1], dims[2]};
    if (expected && shape != *expected)
      fail(path + ": shape " + shape.str() + ", expected " + expected->str() + " as /phase");
    Grid<T> grid(shape, voxelSize_m);
    if (grid.size() > 0 && H5Dread(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, grid.data()) < 0)
      fail(path + ": cannot read data (truncated or corrupt)");
    return grid;
  }
};

const std::vector<std::string> kRootNames{"phase",  "grain",   "material_id", "fields",
                                          "series", "metrics", "provenance"};

VoxelVolume readContent(const Reader& r, bool skipGrainAndFields) {
  const hid_t file = r.file;
  // Root attributes identify the format before anything else is trusted.
  const htri_t hasFormat = H5Aexists(file, "format");
  if (hasFormat <= 0)
    r.fail("not an ssbvox voxel file (root attribute 'format' missing)");
  if (const auto f = r.stringAttr(file, "format", "/"); f != kFormatName)
    r.fail("root attribute format = '" + f + "', expected 'ssbvox'");
  const auto version = r.numberAttr<long long>(file, "format_version", "/", H5T_NATIVE_LLONG, true);
  if (version != kFormatVersion)
    r.fail("format_version " + std::to_string(version) + " is not supported (this ssbvox reads 1)");
  for (const auto& name : r.linkNames(file, "/"))
    if (std::find(kRootNames.begin(), kRootNames.end(), name) == kRootNames.end())
      r.fail("unexpected object '/" + name +
             "' (format 1 has /phase, /grain, /material_id, /fields, /series, /metrics, /provenance)");
  if (!r.exists(file, "phase")) r.fail("missing dataset /phase");

  VoxelVolume v;
  {
    Hid ds = r.openObject(file, "phase", H5I_DATASET, "/phase");
    const double h = r.numberAttr<double>(ds, "voxel_size_m", "/phase", H5T_NATIVE_DOUBLE, false);
    v.phase = r.read3d<std::uint8_t>(file, "phase", "/phase", H5T_INTEGER, true, "uint8",
                                     H5T_NATIVE_UINT8, nullptr, h);
  }
  const Shape shape = v.phase.shape();
  const double h = v.phase.voxelSize_m();
  if (!skipGrainAndFields && r.exists(file, "grain"))
    v.grain = r.read3d<std::uint32_t>(file, "grain", "/grain", H5T_INTEGER, true, "uint32",
                                      H5T_NATIVE_UINT32, &shape, h);
  if (r.exists(file, "material_id"))
    v.materialId = r.read3d<std::uint8_t>(file, "material_id", "/material_id", H5T_INTEGER, true,
                                          "uint8", H5T_NATIVE_UINT8, &shape, h);
  if (!skipGrainAndFields && r.exists(file, "fields")) {
    Hid g = r.openObject(file, "fields", H5I_GROUP, "/fields");
    for (const auto& name : r.linkNames(g, "/fields"))
      v.fields.emplace(name, r.read3d<float>(g, name, "/fields/" + name, H5T_FLOAT, false,
                                             "float32", H5T_NATIVE_FLOAT, &shape, h));
  }
  if (r.exists(file, "series")) {
    Hid g = r.openObject(file, "series", H5I_GROUP, "/series");
    for (const auto& name : r.linkNames(g, "/series")) {
      const std::string path = "/series/" + name;
      std::vector<hsize_t> dims;
      Hid ds = r.openDataset(g, name, path, H5T_FLOAT, 8, false, 1, "float64", dims);
      std::vector<double> values(dims[0]);
      if (!values.empty() &&
          H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        r.fail(path + ": cannot read data (truncated or corrupt)");
      v.series.emplace(name, std::move(values));
    }
  }
  if (r.exists(file, "metrics")) {
    Hid g = r.openObject(file, "metrics", H5I_GROUP, "/metrics");
    for (const auto& name : r.attributeNames(g, "/metrics")) {
      Hid a = r.openAttr(g, name, "/metrics");
      switch (r.attrClass(a)) {
        case H5T_FLOAT:
          v.metrics[name] = r.numberAttr<double>(g, name, "/metrics", H5T_NATIVE_DOUBLE, false);
          break;
        case H5T_INTEGER:
          v.metrics[name] = static_cast<std::int64_t>(
              r.numberAttr<long long>(g, name, "/metrics", H5T_NATIVE_LLONG, true));
          break;
        case H5T_STRING:
          v.metrics[name] = r.readString(a, "/metrics attribute '" + name + "'");
          break;
        default:
          r.fail("/metrics attribute '" + name + "' must be a number or a string");
      }
    }
  }
  if (r.exists(file, "provenance")) {
    Hid g = r.openObject(file, "provenance", H5I_GROUP, "/provenance");
    std::vector<std::pair<long, std::string>> steps;
    for (const auto& name : r.linkNames(g, "/provenance")) {
      const auto us = name.find('_');
      char* end = nullptr;
      const long n = us == std::string::npos ? -1 : std::strtol(name.c_str(), &end, 10);
      if (n < 0 || end != name.c_str() + us)
        r.fail("/provenance/" + name + ": expected a group named <n>_<tool>");
      steps.emplace_back(n, name);
    }
    std::sort(steps.begin(), steps.end());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::string path = "/provenance/" + steps[i].second;
      if (steps[i].first != static_cast<long>(i))
        r.fail(path + ": steps must be numbered 0.." + std::to_string(steps.size() - 1));
      Hid s = r.openObject(g, steps[i].second, H5I_GROUP, path);
      ProvenanceRecord p;
      p.tool = r.stringAttr(s, "tool", path);
      p.version = r.stringAttr(s, "version", path);
      p.gitCommit = r.stringAttr(s, "git_commit", path);
      p.commandLine = r.stringAttr(s, "command_line", path);
      p.parametersJson = r.stringAttr(s, "parameters", path);
      p.inputsSha256Json = r.stringAttr(s, "inputs_sha256", path);
      p.seed = r.numberAttr<std::uint64_t>(s, "seed", path, H5T_NATIVE_UINT64, true);
      p.wallTime_s = r.numberAttr<double>(s, "wall_time_s", path, H5T_NATIVE_DOUBLE, false);
      p.timestampUtc = r.stringAttr(s, "timestamp", path);
      if (steps[i].second != std::to_string(i) + "_" + p.tool)
        r.fail(path + ": group name does not match its tool attribute '" + p.tool + "'");
      v.provenance.push_back(std::move(p));
    }
  }
  return v;
}

// A new file at `file` (named `target` in errors) with the checksummed
// 1.10 layout and compact attributes and links.
Hid createFile(const std::string& file, const std::string& target) {
  Hid fapl = makeWriteFapl();
  Hid fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  keepAttributesCompact(fcpl);
  keepLinksCompact(fcpl);
  Hid handle(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose);
  if (!handle.valid()) throw InputError(target + ": cannot create HDF5 file" + hdf5Detail());
  return handle;
}

void writeHdf5To(const VoxelVolume& volume, const std::string& file, const std::string& target) {
  initHdf5();
  volume.validate("output");
  {
    Hid handle = createFile(file, target);
    writeContent(handle, volume);
    if (H5Fflush(handle, H5F_SCOPE_GLOBAL) < 0) throwWrite(target);
  }
}

}  // namespace

VoxelVolume readHdf5(const std::string& bytes, const std::string& source, bool skipGrainAndFields) {
  initHdf5();
  Hid file(H5LTopen_file_image(const_cast<char*>(bytes.data()), bytes.size(),
                               H5LT_FILE_IMAGE_DONT_COPY | H5LT_FILE_IMAGE_DONT_RELEASE),
           H5Fclose);
  if (!file.valid())
    throw InputError(source + ": not a readable HDF5 file (truncated or corrupt)" + hdf5Detail());
  VoxelVolume v = readContent(Reader{file, source}, skipGrainAndFields);
  v.validate(source);
  return v;
}

std::string writeHdf5Image(const VoxelVolume& volume) {
  // The image of a file still open (H5Fget_file_image) keeps the 1.10 format's
  // "open for writing" flag set and readers refuse it, so the image is that of
  // a closed temporary file.
  const char* tmpdir = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/ssbvox-XXXXXX.h5";
  const int fd = mkstemps(tmpl.data(), 3);
  if (fd < 0) throw RuntimeFailure("cannot create a temporary file in " + tmpl);
  ::close(fd);
  struct Unlink {
    std::string path;
    ~Unlink() { ::unlink(path.c_str()); }
  } cleanup{tmpl};
  writeHdf5To(volume, tmpl, tmpl);
  return readAllBytes(tmpl);
}

void writeHdf5File(const VoxelVolume& volume, const std::string& path) {
  if (isStdStream(path)) {
    writeStdout(writeHdf5Image(volume));
    return;
  }
  AtomicOutputFile out(path);
  writeHdf5To(volume, out.tempPath(), path);
  out.commit();
}

void writeRecordFile(const Record& record, const std::string& path) {
  initHdf5();
  AtomicOutputFile out(path);
  {
    Hid file = createFile(out.tempPath(), path);
    writeStringAttr(file, "format", record.kind);
    writeScalarAttr<std::int32_t>(file, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT32, record.version);
    Hid numbers = makeGroup(file, "numbers"), texts = makeGroup(file, "texts"), arrays = makeGroup(file, "arrays");
    for (const auto& [name, value] : record.numbers)
      writeScalarAttr<double>(numbers, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
    for (const auto& [name, value] : record.texts) writeStringAttr(texts, name.c_str(), value);
    for (const auto& [name, values] : record.arrays) {
      const hsize_t n = values.size(), chunk = std::max<hsize_t>(1, std::min<hsize_t>(n, 1 << 18));
      Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose);
      Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
      if (n > 0 && (H5Pset_chunk(dcpl, 1, &chunk) < 0 || H5Pset_fletcher32(dcpl) < 0)) throwWrite(name);
      Hid d(H5Dcreate2(arrays, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, n > 0 ? hid_t(dcpl) : H5P_DEFAULT,
                       H5P_DEFAULT),
            H5Dclose);
      if (!d.valid() || (n > 0 && H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0))
        throwWrite(path + " array " + name);
    }
    if (H5Fflush(file, H5F_SCOPE_GLOBAL) < 0) throwWrite(path);
  }
  out.commit();
}

Record readRecordFile(const std::string& path, const std::string& kind, int version) {
  initHdf5();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path + ": no such file");
  if (std::filesystem::file_size(path, ec) == 0 || ec) throw InputError(path + ": empty or unreadable file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw InputError(path + ": not a readable HDF5 file (truncated or corrupt)");
  }
  Hid file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const Reader r{file, path};
  if (!file.valid()) r.fail("not a readable HDF5 file (truncated or corrupt)");
  Record record;
  record.kind = H5Aexists(file, "format") > 0 ? r.stringAttr(file, "format", "/") : "";
  if (record.kind != kind) r.fail("not a " + kind + " file (format '" + record.kind + "')");
  record.version = r.numberAttr<std::int32_t>(file, "format_version", "/", H5T_NATIVE_INT32, true);
  if (record.version > version)
    r.fail("format version " + std::to_string(record.version) + " is newer than this program reads (" +
           std::to_string(version) + ")");
  for (const char* group : {"numbers", "texts", "arrays"})
    if (!r.exists(file, group)) r.fail(std::string("missing group /") + group);
  Hid numbers = r.openObject(file, "numbers", H5I_GROUP, "/numbers");
  for (const std::string& name : r.attributeNames(numbers, "/numbers"))
    record.numbers[name] = r.numberAttr<double>(numbers, name, "/numbers", H5T_NATIVE_DOUBLE, false);
  Hid texts = r.openObject(file, "texts", H5I_GROUP, "/texts");
  for (const std::string& name : r.attributeNames(texts, "/texts")) record.texts[name] = r.stringAttr(texts, name, "/texts");
  Hid arrays = r.openObject(file, "arrays", H5I_GROUP, "/arrays");
  for (const std::string& name : r.linkNames(arrays, "/arrays")) {
    const std::string where = "/arrays/" + name;
    Hid d = r.openObject(arrays, name, H5I_DATASET, where);
    Hid space(H5Dget_space(d), H5Sclose);
    if (H5Sget_simple_extent_ndims(space) != 1) r.fail(where + ": expected one dimension");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space, &n, nullptr);
    std::vector<double>& values = record.arrays[name];
    values.resize(n);
    if (n > 0 && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
      r.fail(where + ": cannot read (corrupt file?)");
  }
  return record;
}

}  // namespace ssb::io
