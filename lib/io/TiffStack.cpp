// Multi-page TIFF stacks with their scale, as ImageJ and Fiji read and
// write it: one 8-bit page per z slice, the pixel size in the X and Y
// resolution tags (pixels per unit, resolution unit "none"), and in the
// first page's ImageDescription a header that ImageJ understands:
//
//   ImageJ=1.11a\nimages=NZ\nslices=NZ\nunit=micron\nspacing=H\nloop=false\n
//
// (spacing: the distance between slices). Fiji then shows the scale; ssbvox
// reads it back, so h5 -> tif -> h5 keeps the voxel size. A TIFF without
// such a header still needs --voxel-um.
#include <tiffio.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "core/Error.hpp"
#include "io/Files.hpp"
#include "io/VoxelFile.hpp"

namespace ssb::io {

using core::InputError;

namespace {

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
using TiffHandle = std::unique_ptr<TIFF, TiffCloser>;

// libtiff reports through handlers that print: ssbvox turns failures into
// its own one-line errors instead.
void silence() {
  TIFFSetErrorHandler(nullptr);
  TIFFSetWarningHandler(nullptr);
}

// Micrometres per unit, for the units ImageJ writes.
std::optional<double> micrometresPer(const std::string& unit) {
  static const std::map<std::string, double> units{
      {"micron", 1.0}, {"um", 1.0}, {"\xC2\xB5m", 1.0}, {"\\u00B5m", 1.0}, {"microns", 1.0},
      {"nm", 1e-3},    {"mm", 1e3}, {"cm", 1e4},         {"m", 1e6},         {"meter", 1e6}};
  const auto it = units.find(unit);
  if (it == units.end()) return std::nullopt;
  return it->second;
}

}  // namespace

void writeTiffStack(const core::VoxelVolume& volume, const std::string& path) {
  silence();
  const auto& s = volume.shape();
  const double h_um = volume.voxelSize_m() * 1e6;
  AtomicOutputFile out(path);
  {
    TiffHandle tif(TIFFOpen(out.tempPath().c_str(), s.size() >= (std::size_t(1) << 31) ? "w8" : "w"));
    if (!tif) throw core::RuntimeFailure(path + ": cannot write TIFF");
    char description[256];
    std::snprintf(description, sizeof description,
                  "ImageJ=1.11a\nimages=%zu\nslices=%zu\nunit=micron\nspacing=%.15g\nloop=false\n", s.nz, s.nz, h_um);
    for (std::size_t z = 0; z < s.nz; ++z) {
      TIFF* t = tif.get();
      TIFFSetField(t, TIFFTAG_IMAGEWIDTH, std::uint32_t(s.nx));
      TIFFSetField(t, TIFFTAG_IMAGELENGTH, std::uint32_t(s.ny));
      TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
      TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
      TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, std::uint32_t(s.ny));
      TIFFSetField(t, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
      TIFFSetField(t, TIFFTAG_PAGENUMBER, std::uint16_t(z), std::uint16_t(s.nz));
      TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
      TIFFSetField(t, TIFFTAG_XRESOLUTION, float(1.0 / h_um));
      TIFFSetField(t, TIFFTAG_YRESOLUTION, float(1.0 / h_um));
      if (z == 0) TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description);
      const std::uint8_t* slice = volume.phase.data() + z * s.ny * s.nx;
      if (TIFFWriteEncodedStrip(t, 0, const_cast<std::uint8_t*>(slice), tmsize_t(s.ny * s.nx)) < 0 ||
          !TIFFWriteDirectory(t))
        throw core::RuntimeFailure(path + ": cannot write TIFF page " + std::to_string(z) + " (disk full?)");
    }
  }
  out.commit();
}

std::optional<double> tiffVoxelSize_um(const std::string& path, const std::string& source) {
  silence();
  TiffHandle tif(TIFFOpen(path.c_str(), "r"));
  if (!tif) return std::nullopt;  // the image reader names the problem
  char* description = nullptr;
  if (!TIFFGetField(tif.get(), TIFFTAG_IMAGEDESCRIPTION, &description) || !description) return std::nullopt;
  const std::string text(description);
  if (text.rfind("ImageJ=", 0) != 0) return std::nullopt;
  std::map<std::string, std::string> header;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) header[line.substr(0, eq)] = line.substr(eq + 1);
  }
  if (!header.count("unit")) return std::nullopt;  // uncalibrated: pixels only
  const auto per = micrometresPer(header["unit"]);
  if (!per)
    throw InputError(source + ": TIFF scale in unit '" + header["unit"] + "' that ssbvox does not know; give --voxel-um");
  float xres = 0, yres = 0;
  std::uint16_t resUnit = RESUNIT_NONE;
  TIFFGetFieldDefaulted(tif.get(), TIFFTAG_RESOLUTIONUNIT, &resUnit);
  if (!TIFFGetField(tif.get(), TIFFTAG_XRESOLUTION, &xres) || !TIFFGetField(tif.get(), TIFFTAG_YRESOLUTION, &yres) ||
      !(xres > 0) || !(yres > 0) || resUnit != RESUNIT_NONE)
    throw InputError(source + ": TIFF has an ImageJ unit but no pixel size in its resolution tags; give --voxel-um");
  const double hx = 1.0 / xres * *per, hy = 1.0 / yres * *per;
  double hz = hx;
  if (header.count("spacing")) {
    char* end = nullptr;
    const double spacing = std::strtod(header["spacing"].c_str(), &end);
    if (!(spacing > 0) || !std::isfinite(spacing))
      throw InputError(source + ": TIFF ImageJ spacing '" + header["spacing"] + "' is not a positive number");
    hz = spacing * *per;
  }
  // The resolution tags are rationals: the slice spacing is the exact figure.
  auto same = [](double a, double b) { return std::abs(a - b) <= 1e-5 * std::max(a, b); };
  if (!same(hx, hy) || !same(hx, hz))
    throw InputError(source + ": voxels are not cubic (TIFF scale " + std::to_string(hx) + " x " + std::to_string(hy) +
                     " x " + std::to_string(hz) + " um); resample first, or give --voxel-um");
  return hz;
}

}  // namespace ssb::io
