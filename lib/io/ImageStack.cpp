// Image stacks through ITK: multi-page TIFF (one page per z slice), MetaImage
// (.mha) and NRRD. This is how users bring their own tomography: grey values
// are mapped to phases with a PhaseMap (--phase-map); without one the values
// must already be phase codes 0, 1, 2.
//
// Voxel size: MHA and NRRD spacing is read and written in micrometres;
// TIFF stacks carry it in ImageJ's tags (TiffStack.cpp, which also writes
// them); a TIFF without them needs --voxel-um.
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkMetaImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>
#include <itkTIFFImageIOFactory.h>

#include <cmath>
#include <map>
#include <mutex>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "io/Files.hpp"
#include "io/VoxelFile.hpp"

namespace ssb::io {

using core::MetricValue;
using core::ProvenanceRecord;
using core::VoxelVolume;

using core::InputError;

namespace {

void registerItkFactories() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::TIFFImageIOFactory::RegisterOneFactory();
    itk::MetaImageIOFactory::RegisterOneFactory();
    itk::NrrdImageIOFactory::RegisterOneFactory();
  });
}

std::string oneLine(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

VoxelVolume readImageStack(const std::string& path, const std::string& source, Format format,
                           const ReadOptions& options) {
  registerItkFactories();
  using ImageT = itk::Image<float, 3>;
  auto reader = itk::ImageFileReader<ImageT>::New();
  reader->SetFileName(path);
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw InputError(source + ": cannot read image stack (" + oneLine(e.GetDescription()) + ")");
  }
  ImageT::Pointer image = reader->GetOutput();
  const auto region = image->GetLargestPossibleRegion();
  const auto size = region.GetSize();
  const core::Shape shape{size[2], size[1], size[0]};
  if (shape.size() == 0) throw InputError(source + ": image stack is empty");

  double h_um = 0.0;
  if (options.voxelSize_um) {
    h_um = *options.voxelSize_um;
  } else if (format == Format::Tiff) {
    const auto scale = tiffVoxelSize_um(path, source);
    if (!scale) throw InputError(source + ": this TIFF stores no voxel size (no ImageJ scale); give --voxel-um");
    h_um = *scale;
  } else {
    const auto spacing = image->GetSpacing();
    if (spacing[0] != spacing[1] || spacing[0] != spacing[2])
      throw InputError(source + ": voxels are not cubic (spacing " + std::to_string(spacing[0]) +
                       ", " + std::to_string(spacing[1]) + ", " + std::to_string(spacing[2]) +
                       "); resample first");
    h_um = spacing[0];
  }
  if (!(h_um > 0.0) || !std::isfinite(h_um))
    throw InputError(source + ": voxel size must be positive, got " + std::to_string(h_um) + " um");

  VoxelVolume v;
  v.phase = core::Grid<std::uint8_t>(shape, h_um * 1e-6);
  const float* grey = image->GetBufferPointer();  // x fastest, then y, then z: as Grid
  std::map<double, std::size_t> unmapped;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const double g = grey[i];
    std::optional<std::uint8_t> p;
    if (options.phaseMap)
      p = options.phaseMap->map(g);
    else if (g == 0.0 || g == 1.0 || g == 2.0)
      p = static_cast<std::uint8_t>(g);
    if (p)
      v.phase.values()[i] = *p;
    else
      ++unmapped[g];
  }
  if (!unmapped.empty()) {
    std::string list;
    int shown = 0;
    for (const auto& [g, n] : unmapped) {
      if (shown++ == 5) { list += ", ..."; break; }
      list += (list.empty() ? "" : ", ") + std::to_string(g) + " (" + std::to_string(n) + " voxels)";
    }
    throw InputError(source + ": grey values without a phase: " + list +
                     (options.phaseMap ? "; extend --phase-map"
                                       : "; give --phase-map, e.g. 0:pore,128:se,255:cam"));
  }
  v.validate(source);
  return v;
}

void writeImageStack(const VoxelVolume& volume, const std::string& path) {
  registerItkFactories();
  volume.validate("output");
  using ImageT = itk::Image<std::uint8_t, 3>;
  auto image = ImageT::New();
  const auto& s = volume.shape();
  ImageT::SizeType size;
  size[0] = s.nx;
  size[1] = s.ny;
  size[2] = s.nz;
  image->SetRegions(ImageT::RegionType(size));
  const double h_um = volume.voxelSize_m() * 1e6;
  ImageT::SpacingType spacing;
  spacing.Fill(h_um);
  image->SetSpacing(spacing);
  image->Allocate();
  std::copy(volume.phase.begin(), volume.phase.end(), image->GetBufferPointer());

  AtomicOutputFile out(path);
  auto writer = itk::ImageFileWriter<ImageT>::New();
  writer->SetFileName(out.tempPath());
  writer->SetInput(image);
  writer->SetUseCompression(true);
  try {
    writer->Update();
  } catch (const itk::ExceptionObject& e) {
    throw core::RuntimeFailure(path + ": cannot write image stack (" + oneLine(e.GetDescription()) +
                               ")");
  }
  out.commit();
}

}  // namespace ssb::io
