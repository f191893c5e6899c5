#include <catch2/catch.hpp>
#include <hdf5.h>
#include <tiffio.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/Error.hpp"
#include "core/Rng.hpp"
#include "core/Phase.hpp"
#include "io/Files.hpp"
#include "io/MetricsJson.hpp"
#include "io/RecordFile.hpp"
#include "io/Sha256.hpp"
#include "io/VoxelFile.hpp"

using namespace ssb;
using namespace ssb::io;
using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;
namespace fs = std::filesystem;

namespace {

// A scratch directory, removed with its contents at the end of each test.
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ssbvox-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

VoxelVolume sampleVolume() {
  VoxelVolume v;
  const double h = 1e-7;
  v.phase = core::Grid<std::uint8_t>(4, 5, 6, h);
  v.grain = core::Grid<std::uint32_t>(4, 5, 6, h);
  v.materialId = core::Grid<std::uint8_t>(4, 5, 6, h);
  core::Grid<float> li(4, 5, 6, h);
  for (std::size_t z = 0; z < 4; ++z)
    for (std::size_t y = 0; y < 5; ++y)
      for (std::size_t x = 0; x < 6; ++x) {
        const auto i = v.phase.index(z, y, x);
        v.phase(z, y, x) = static_cast<std::uint8_t>((z + y + x) % 3);
        (*v.grain)(z, y, x) = v.phase(z, y, x) ? static_cast<std::uint32_t>(i + 1) : 0u;
        (*v.materialId)(z, y, x) = v.phase(z, y, x) == 1 ? static_cast<std::uint8_t>(1 + i % 8) : 0;
        li(z, y, x) = (i % 4 == 0) ? 0.0f : 0.1f * static_cast<float>(i) - 1.0f;
      }
  (*v.grain)(3, 4, 5) = 4000000000u;  // above INT32_MAX: must survive the VDB int32 grids
  v.fields.emplace("li_fraction", li);
  v.series["time_s"] = {0.0, 1.5, 3.0, 1e-300};
  v.series["empty"] = {};
  v.metrics["svf_cam"] = 0.5;
  v.metrics["grain_count"] = std::int64_t(42);
  v.metrics["note"] = std::string("baseline, 100 nm");
  ProvenanceRecord p;
  p.tool = "genstruct";
  p.version = "0.1.0";
  p.gitCommit = "abc";
  p.commandLine = "genstruct --svf-cam 0.5 -o 'a b.h5'";
  p.parametersJson = R"({"svf-cam":0.5})";
  p.inputsSha256Json = "{}";
  p.seed = 18446744073709551615ull;
  p.wallTime_s = 1.25;
  p.timestampUtc = "2026-11-30T00:00:00Z";
  v.provenance.push_back(p);
  p.tool = "sinter";
  p.seed = 0;
  p.commandLine = "";
  v.provenance.push_back(p);
  return v;
}

void requireSame(const VoxelVolume& a, const VoxelVolume& b) {
  REQUIRE(a.phase == b.phase);
  REQUIRE(a.grain == b.grain);
  REQUIRE(a.materialId == b.materialId);
  REQUIRE(a.fields.size() == b.fields.size());
  for (const auto& [name, f] : a.fields) REQUIRE(b.fields.at(name) == f);
  REQUIRE(a.series == b.series);
  REQUIRE(a.metrics == b.metrics);
  REQUIRE(a.provenance == b.provenance);
}

std::string messageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

// --- raw HDF5 writers for damaged layouts --------------------------------
struct RawFile {
  hid_t file;
  explicit RawFile(const std::string& path)
      : file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {}
  ~RawFile() { H5Fclose(file); }
  void stringAttr(hid_t obj, const char* name, const std::string& v) {
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, v.size());
    hid_t s = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, t, v.data());
    H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
  }
  template <typename T>
  void numberAttr(hid_t obj, const char* name, hid_t type, T v) {
    hid_t s = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, type, s, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, type, &v);
    H5Aclose(a);
    H5Sclose(s);
  }
  void header(int version = 1) {
    stringAttr(file, "format", "ssbvox");
    numberAttr<int>(file, "format_version", H5T_NATIVE_INT, version);
  }
  // A dataset of `rank` dims filled with `value`; returns it open (caller closes).
  hid_t dataset(const char* name, hid_t type, std::vector<hsize_t> dims, double value) {
    hid_t s = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    hid_t d = H5Dcreate2(file, name, type, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hsize_t n = 1;
    for (auto x : dims) n *= x;
    std::vector<double> buf(n, value);
    H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    H5Sclose(s);
    return d;
  }
  void phase(hid_t type = H5T_STD_U8LE, std::vector<hsize_t> dims = {2, 2, 2}, double value = 1,
             bool voxelSize = true) {
    hid_t d = dataset("phase", type, dims, value);
    if (voxelSize) numberAttr<double>(d, "voxel_size_m", H5T_NATIVE_DOUBLE, 1e-7);
    H5Dclose(d);
  }
};

}  // namespace

TEST_CASE("HDF5 round trip through a file keeps every dataset", "[hdf5]") {
  TempDir dir;
  const auto v = sampleVolume();
  writeVoxelFile(v, dir / "a.h5");
  const auto in = readVoxelFile(dir / "a.h5");
  REQUIRE(in.format == Format::Hdf5);
  REQUIRE(in.sha256.size() == 64);
  requireSame(in.volume, v);
  // No temporary file is left beside the output.
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("record files keep every bit and refuse damage, other kinds and later versions", "[hdf5][record]") {
  TempDir dir;
  Record r;
  r.kind = "test-record";
  r.version = 2;
  r.numbers = {{"time_s", 1.0 / 3.0}, {"tiny", 1e-300}, {"steps", 7}};
  r.texts = {{"fingerprint", "{\"a\": 1}"}, {"empty", ""}};
  std::vector<double> big(300000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = std::sin(double(i)) * std::pow(10.0, double(i % 40) - 20);
  r.arrays = {{"state", big}, {"none", {}}};
  const std::string path = dir / "r.h5";
  writeRecordFile(r, path);
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);  // no temporary left
  const Record back = readRecordFile(path, "test-record", 2);
  REQUIRE(back.numbers == r.numbers);
  REQUIRE(back.texts == r.texts);
  REQUIRE(back.arrays == r.arrays);  // bit for bit
  REQUIRE_THROWS_AS(readRecordFile(path, "other-record", 2), core::InputError);
  REQUIRE_THROWS_AS(readRecordFile(path, "test-record", 1), core::InputError);  // a later version
  REQUIRE_THROWS_AS(readRecordFile(dir / "missing.h5", "test-record", 2), core::InputError);
  // A flipped byte in the array's data: Fletcher-32 catches it.
  std::string bytes = readAllBytes(path);
  const std::string needle(reinterpret_cast<const char*>(&big[1000]), sizeof(double));
  const std::size_t at = bytes.find(needle);
  REQUIRE(at != std::string::npos);
  bytes[at + 3] ^= 0x10;
  writeAllBytes(dir / "flipped.h5", bytes);
  REQUIRE_THROWS_AS(readRecordFile(dir / "flipped.h5", "test-record", 2), core::InputError);
  writeAllBytes(dir / "cut.h5", bytes.substr(0, bytes.size() / 2));
  REQUIRE_THROWS_AS(readRecordFile(dir / "cut.h5", "test-record", 2), core::InputError);
}

TEST_CASE("HDF5 reading can leave /grain and /fields unread", "[hdf5]") {
  TempDir dir;
  const auto v = sampleVolume();
  REQUIRE(v.grain);
  REQUIRE(!v.fields.empty());
  writeVoxelFile(v, dir / "a.h5");
  ReadOptions options;
  options.skipGrainAndFields = true;
  const auto in = readVoxelFile(dir / "a.h5", options);
  REQUIRE(!in.volume.grain);
  REQUIRE(in.volume.fields.empty());
  REQUIRE(in.volume.phase.values() == v.phase.values());
  REQUIRE(in.volume.materialId.has_value() == v.materialId.has_value());
  REQUIRE(in.volume.metrics == v.metrics);
}

TEST_CASE("HDF5 file images round trip in memory, as through a pipe", "[hdf5]") {
  const auto v = sampleVolume();
  const std::string image = writeHdf5Image(v);
  REQUIRE(detectFormat(image) == Format::Hdf5);
  requireSame(readHdf5(image, "stdin"), v);
}

TEST_CASE("provenance is appended step by step in order", "[hdf5][provenance]") {
  TempDir dir;
  auto v = sampleVolume();
  v.provenance.clear();
  for (int step = 0; step < 3; ++step) {
    ProvenanceRecord p;
    p.tool = "tool" + std::to_string(step);
    p.seed = static_cast<std::uint64_t>(step);
    v.provenance.push_back(p);
    writeVoxelFile(v, dir / "chain.h5");
    v = readVoxelFile(dir / "chain.h5").volume;
  }
  REQUIRE(v.provenance.size() == 3);
  for (int step = 0; step < 3; ++step) REQUIRE(v.provenance[step].tool == "tool" + std::to_string(step));
}

TEST_CASE("HDF5 layout violations are named precisely", "[hdf5][schema]") {
  TempDir dir;
  const auto path = dir / "bad.h5";
  auto check = [&](const std::function<void(RawFile&)>& make, const std::string& expected) {
    {
      RawFile f(path);
      make(f);
    }
    const std::string msg = messageOf([&] { readVoxelFile(path); });
    INFO(msg);
    REQUIRE(msg.find(expected) != std::string::npos);
    REQUIRE(msg.find('\n') == std::string::npos);
    REQUIRE(msg.rfind(path, 0) == 0);  // the message starts with the file name
  };
  check([](RawFile& f) { f.phase(); }, "root attribute 'format' missing");
  check([](RawFile& f) { f.header(2); f.phase(); }, "format_version 2 is not supported");
  check([](RawFile& f) { f.header(); }, "missing dataset /phase");
  check([](RawFile& f) { f.header(); f.phase(H5T_STD_I32LE); }, "/phase: element type int32, expected uint8");
  check([](RawFile& f) { f.header(); f.phase(H5T_STD_U8LE, {4, 4}); }, "/phase: rank 2, expected 3");
  check([](RawFile& f) { f.header(); f.phase(H5T_STD_U8LE, {2, 2, 2}, 1, false); },
        "/phase: missing attribute 'voxel_size_m'");
  check([](RawFile& f) { f.header(); f.phase(H5T_STD_U8LE, {2, 2, 2}, 5); }, "/phase holds value 5");
  check([](RawFile& f) {
          f.header(); f.phase();
          H5Dclose(f.dataset("grain", H5T_STD_U32LE, {2, 2, 3}, 1));
        }, "/grain: shape 2x2x3, expected 2x2x2");
  check([](RawFile& f) {
          f.header(); f.phase();
          H5Dclose(f.dataset("grain", H5T_IEEE_F32LE, {2, 2, 2}, 1));
        }, "/grain: element type float32, expected uint32");
  check([](RawFile& f) {
          f.header(); f.phase();
          H5Dclose(f.dataset("extra", H5T_STD_U8LE, {2, 2, 2}, 1));
        }, "unexpected object '/extra'");
  check([](RawFile& f) {
          f.header(); f.phase();
          hid_t g = H5Gcreate2(f.file, "provenance", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
          hid_t s = H5Gcreate2(g, "0_genstruct", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
          f.stringAttr(s, "tool", "genstruct");
          H5Gclose(s);
          H5Gclose(g);
        }, "/provenance/0_genstruct: missing attribute 'version'");
}

TEST_CASE("a file written by another HDF5 program reads when the layout is right", "[hdf5]") {
  TempDir dir;
  {
    RawFile f(dir / "ok.h5");
    f.header();
    f.phase(H5T_STD_U8LE, {2, 3, 4}, 2);
  }
  const auto in = readVoxelFile(dir / "ok.h5");
  REQUIRE(in.volume.shape() == core::Shape{2, 3, 4});
  REQUIRE(in.volume.voxelSize_m() == 1e-7);
  REQUIRE(core::phaseFractions(in.volume.phase).cam == 1.0);
}

TEST_CASE("truncated HDF5 files are rejected with InputError", "[hdf5][damage]") {
  const std::string image = writeHdf5Image(sampleVolume());
  for (int k = 1; k < 40; ++k) {
    const std::size_t keep = image.size() * k / 40;
    INFO("kept " << keep << " of " << image.size() << " bytes");
    REQUIRE_THROWS_AS(readHdf5(image.substr(0, keep), "cut.h5"), core::InputError);
  }
}

TEST_CASE("every bit flip in an HDF5 file is detected", "[hdf5][damage]") {
  // Many fields, steps and metrics: groups past HDF5's compact-storage
  // defaults, whose dense storage would leave unchecksummed bytes.
  auto v = sampleVolume();
  for (int i = 0; i < 12; ++i) {
    v.fields.emplace("f" + std::to_string(i), v.fields.at("li_fraction"));
    v.provenance.push_back(v.provenance.front());
    v.metrics["m" + std::to_string(i)] = std::string(100, 'x');
  }
  for (std::size_t n = 0; n < v.provenance.size(); ++n) v.provenance[n].tool = "t" + std::to_string(n);
  const std::string image = writeHdf5Image(v);
  requireSame(readHdf5(image, "intact.h5"), v);
  core::Rng rng(7, 0);
  for (int k = 0; k < 300; ++k) {
    std::string bad = image;
    const auto pos = rng.below(bad.size());
    bad[pos] = static_cast<char>(bad[pos] ^ (1 << rng.below(8)));
    INFO("flipped a bit at byte " << pos << " of " << bad.size());
    REQUIRE_THROWS_AS(readHdf5(bad, "flip.h5"), core::InputError);
  }
}

TEST_CASE("OpenVDB round trip keeps every dataset", "[vdb]") {
  TempDir dir;
  const auto v = sampleVolume();
  writeVoxelFile(v, dir / "a.vdb");
  const auto in = readVoxelFile(dir / "a.vdb");
  REQUIRE(in.format == Format::Vdb);
  requireSame(in.volume, v);
}

TEST_CASE("damaged OpenVDB files are always rejected", "[vdb][damage]") {
  const auto v = sampleVolume();
  const std::string bytes = writeVdbBytes(v);
  for (int k = 1; k < 40; ++k)
    REQUIRE_THROWS_AS(readVdb(bytes.substr(0, bytes.size() * k / 40), "cut.vdb"), core::InputError);
  core::Rng rng(11, 0);
  for (int k = 0; k < 100; ++k) {
    std::string bad = bytes;
    const auto pos = rng.below(bad.size());
    bad[pos] = static_cast<char>(bad[pos] ^ (1 << rng.below(8)));
    REQUIRE_THROWS_AS(readVdb(bad, "flip.vdb"), core::InputError);
  }
  const std::string msg = messageOf([&] {
    std::string bad = bytes;
    bad[bad.size() / 2] ^= 1;
    readVdb(bad, "x.vdb");
  });
  REQUIRE(msg == "x.vdb: corrupt VDB file (SHA-256 of its content does not match its trailer)");
}

TEST_CASE("image stacks round trip /phase with the voxel size", "[image]") {
  TempDir dir;
  const auto v = sampleVolume();
  for (const std::string ext : {"mha", "nrrd"}) {
    writeVoxelFile(v, dir / ("a." + ext));
    const auto in = readVoxelFile(dir / ("a." + ext));
    REQUIRE(formatName(in.format) == ext);
    REQUIRE(in.volume.phase.shape() == v.phase.shape());
    REQUIRE(in.volume.phase.values() == v.phase.values());
    REQUIRE(in.volume.voxelSize_m() == Approx(1e-7).epsilon(1e-9));
    REQUIRE_FALSE(in.volume.grain);
  }
  // TIFF keeps the voxel size in ImageJ's tags; --voxel-um overrides it.
  writeVoxelFile(v, dir / "a.tif");
  const auto back = readVoxelFile(dir / "a.tif");
  REQUIRE(back.format == Format::Tiff);
  REQUIRE(back.volume.phase.values() == v.phase.values());
  REQUIRE(back.volume.voxelSize_m() == Approx(1e-7).epsilon(1e-12));
  ReadOptions opt;
  opt.voxelSize_um = 0.2;
  const auto tif = readVoxelFile(dir / "a.tif", opt);
  REQUIRE(tif.volume.phase.values() == v.phase.values());
  REQUIRE(tif.volume.voxelSize_m() == Approx(2e-7));
}

namespace {
// A two-page 8-bit TIFF written with libtiff directly: with an ImageJ
// description and resolution tags when given, without any scale otherwise.
void writePlainTiff(const std::string& path, const char* description, float xres, float yres) {
  TIFF* t = TIFFOpen(path.c_str(), "w");
  const std::uint8_t pixels[6] = {0, 1, 2, 2, 1, 0};
  for (int page = 0; page < 2; ++page) {
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, 3u);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, 2u);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 2u);
    if (description) {
      TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
      TIFFSetField(t, TIFFTAG_XRESOLUTION, xres);
      TIFFSetField(t, TIFFTAG_YRESOLUTION, yres);
      if (page == 0) TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description);
    }
    TIFFWriteEncodedStrip(t, 0, const_cast<std::uint8_t*>(pixels), 6);
    TIFFWriteDirectory(t);
  }
  TIFFClose(t);
}
}  // namespace

TEST_CASE("TIFF scale: ImageJ's units read, a TIFF without a scale or with a non-cubic one is named", "[image]") {
  TempDir dir;
  writePlainTiff(dir / "plain.tif", nullptr, 0, 0);
  REQUIRE(messageOf([&] { readVoxelFile(dir / "plain.tif"); }).find("give --voxel-um") != std::string::npos);
  ReadOptions opt;
  opt.voxelSize_um = 0.5;
  REQUIRE(readVoxelFile(dir / "plain.tif", opt).volume.voxelSize_m() == Approx(5e-7));
  // 250 nm voxels written in nanometres: 0.004 pixels per nm, slices 250 nm apart.
  writePlainTiff(dir / "nm.tif", "ImageJ=1.54f\nimages=2\nslices=2\nunit=nm\nspacing=250\n", 0.004f, 0.004f);
  const auto nm = readVoxelFile(dir / "nm.tif");
  REQUIRE(nm.volume.voxelSize_m() == Approx(2.5e-7).epsilon(1e-9));
  REQUIRE(nm.volume.shape() == core::Shape{2, 2, 3});
  writePlainTiff(dir / "flat.tif", "ImageJ=1.54f\nimages=2\nslices=2\nunit=micron\nspacing=0.5\n", 10.0f, 10.0f);
  REQUIRE(messageOf([&] { readVoxelFile(dir / "flat.tif"); }).find("voxels are not cubic") != std::string::npos);
  writePlainTiff(dir / "odd.tif", "ImageJ=1.54f\nimages=2\nunit=furlong\n", 1.0f, 1.0f);
  REQUIRE(messageOf([&] { readVoxelFile(dir / "odd.tif"); }).find("unit 'furlong'") != std::string::npos);
}

TEST_CASE("a phase map turns grey values into phases", "[image]") {
  TempDir dir;
  const auto v = sampleVolume();
  writeVoxelFile(v, dir / "grey.mha");
  ReadOptions opt;
  opt.phaseMap = PhaseMap::parse("0:cam,1:pore,2-2:se");
  const auto in = readVoxelFile(dir / "grey.mha", opt);
  for (std::size_t i = 0; i < v.phase.size(); ++i) {
    const std::uint8_t want = v.phase.values()[i] == 0 ? 2 : v.phase.values()[i] == 1 ? 0 : 1;
    REQUIRE(in.volume.phase.values()[i] == want);
  }
  opt.phaseMap = PhaseMap::parse("0:pore,1:se");
  REQUIRE(messageOf([&] { readVoxelFile(dir / "grey.mha", opt); })
              .find("grey values without a phase: 2.000000 (40 voxels)") != std::string::npos);
}

TEST_CASE("PhaseMap parses values and ranges and rejects bad ones", "[image]") {
  const auto m = PhaseMap::parse("-5-99.5:pore,100-199:SE,200-255:2");
  REQUIRE(m.map(-5) == std::optional<std::uint8_t>(0));
  REQUIRE(m.map(99.5) == std::optional<std::uint8_t>(0));
  REQUIRE(m.map(150) == std::optional<std::uint8_t>(1));
  REQUIRE(m.map(255) == std::optional<std::uint8_t>(2));
  REQUIRE_FALSE(m.map(99.7));
  REQUIRE_THROWS_AS(PhaseMap::parse("0:water"), core::InputError);
  REQUIRE_THROWS_AS(PhaseMap::parse("0-10:pore,5:se"), core::InputError);
  REQUIRE_THROWS_AS(PhaseMap::parse("10-0:pore"), core::InputError);
  REQUIRE_THROWS_AS(PhaseMap::parse("abc:pore"), core::InputError);
  REQUIRE_THROWS_AS(PhaseMap::parse(""), core::InputError);
}

TEST_CASE("formats are detected by magic bytes and chosen by extension", "[format]") {
  REQUIRE(detectFormat(std::string("\x89HDF\r\n\x1a\n....", 12)) == Format::Hdf5);
  REQUIRE(detectFormat(std::string("\x20\x42\x44\x56\0\0\0\0", 8)) == Format::Vdb);
  REQUIRE(detectFormat(std::string("II*\0rest", 8)) == Format::Tiff);
  REQUIRE(detectFormat(std::string("MM\0*rest", 8)) == Format::Tiff);
  REQUIRE(detectFormat("NRRD0004\n") == Format::Nrrd);
  REQUIRE(detectFormat("ObjectType = Image\nNDims = 3\n") == Format::Mha);
  REQUIRE_FALSE(detectFormat("hello world"));
  REQUIRE(formatForOutput("-") == Format::Hdf5);
  REQUIRE(formatForOutput("dir.v2/x.H5") == Format::Hdf5);
  REQUIRE(formatForOutput("x.tiff") == Format::Tiff);
  REQUIRE_THROWS_AS(formatForOutput("x.png"), core::InputError);
  REQUIRE_THROWS_AS(formatForOutput("noext"), core::InputError);
}

TEST_CASE("missing, empty and unknown inputs give one-line InputErrors", "[format]") {
  TempDir dir;
  REQUIRE(messageOf([&] { readVoxelFile(dir / "nope.h5"); }) == dir / "nope.h5" + ": no such file");
  std::ofstream(dir / "empty.h5").close();
  REQUIRE(messageOf([&] { readVoxelFile(dir / "empty.h5"); }) == dir / "empty.h5" + ": empty file");
  std::ofstream(dir / "text.h5") << "just text\n";
  REQUIRE(messageOf([&] { readVoxelFile(dir / "text.h5"); }).find("unknown file format") !=
          std::string::npos);
  REQUIRE(messageOf([&] { readVoxelFile(dir.path.string()); }).find("is a directory") != std::string::npos);
}

TEST_CASE("atomic writes leave nothing behind on failure and replace on success", "[files]") {
  TempDir dir;
  REQUIRE_THROWS_AS(writeAllBytes(dir / "missing/x.h5", "abc"), core::InputError);
  writeAllBytes(dir / "x.bin", "first");
  writeAllBytes(dir / "x.bin", "second");
  REQUIRE(readAllBytes(dir / "x.bin") == "second");
  {
    AtomicOutputFile out(dir / "y.mha");
    REQUIRE(out.tempPath().size() > 4);
    REQUIRE(extensionOf(out.tempPath()) == "mha");
    std::ofstream(out.tempPath()) << "partial";
    // destroyed without commit: the partial file goes away
  }
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  // An invalid volume is refused before anything is written.
  auto v = sampleVolume();
  v.phase(0, 0, 0) = 9;
  REQUIRE_THROWS_AS(writeVoxelFile(v, dir / "z.h5"), core::InputError);
  REQUIRE_FALSE(fs::exists(dir / "z.h5"));
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("SHA-256 matches the standard test vectors", "[sha]") {
  REQUIRE(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  REQUIRE(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("invalid names and shapes are refused by validate", "[volume]") {
  auto v = sampleVolume();
  v.fields.emplace("bad/name", v.fields.at("li_fraction"));
  REQUIRE_THROWS_AS(v.validate("x"), core::InputError);
  v = sampleVolume();
  v.grain = core::Grid<std::uint32_t>(1, 1, 1, 1e-7);
  REQUIRE(messageOf([&] { v.validate("x"); }) == "x: /grain has shape 1x1x1, /phase 4x5x6");
  v = sampleVolume();
  v.phase.setVoxelSize_m(0.0);
  REQUIRE_THROWS_AS(v.validate("x"), core::InputError);
}

TEST_CASE("a metrics document becomes /metrics attributes, nested keys joined by dots", "[metrics]") {
  std::map<std::string, ssb::core::MetricValue> m;
  const nlohmann::json doc = {{"a", 1.5}, {"ok", true}, {"name", "LCO"}, {"cell", {{"n", 3}, {"deep", {{"x", 2.0}}}}},
                              {"list", {1, 2}}, {"none", nullptr}};
  ssb::io::addMetrics(m, "tool", doc);
  REQUIRE(m.size() == 5);
  REQUIRE(std::get<double>(m.at("tool.a")) == 1.5);
  REQUIRE(std::get<std::int64_t>(m.at("tool.ok")) == 1);
  REQUIRE(std::get<std::string>(m.at("tool.name")) == "LCO");
  REQUIRE(std::get<std::int64_t>(m.at("tool.cell.n")) == 3);
  REQUIRE(std::get<double>(m.at("tool.cell.deep.x")) == 2.0);
}

TEST_CASE("a result inherits its structure's lineage: provenance first, its own metrics kept", "[voxelvolume]") {
  ssb::core::VoxelVolume structure, result;
  structure.provenance.push_back({});
  structure.provenance.back().tool = "genstruct";
  structure.metrics["genstruct.seed"] = std::int64_t(3);
  structure.metrics["shared"] = 1.0;
  result.provenance.push_back({});
  result.provenance.back().tool = "discharge";
  result.metrics["shared"] = 2.0;
  result.inheritLineage(structure);
  REQUIRE(result.provenance.size() == 2);
  REQUIRE(result.provenance[0].tool == "genstruct");
  REQUIRE(result.provenance[1].tool == "discharge");
  REQUIRE(std::get<std::int64_t>(result.metrics.at("genstruct.seed")) == 3);
  REQUIRE(std::get<double>(result.metrics.at("shared")) == 2.0);
}
