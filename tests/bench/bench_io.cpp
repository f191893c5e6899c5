// Benchmark of the voxel file I/O (issue: foundation). Reads a structure,
// then times, side by side in one run, writing and reading it as HDF5 and as
// OpenVDB, checks HDF5 -> VDB -> HDF5 gives identical voxels, and prints the
// figures with the peak memory.
//
//   bench_io IN.h5 [repeats]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <vector>

#include "io/Files.hpp"
#include "io/VoxelFile.hpp"

using namespace ssb;
namespace fs = std::filesystem;

namespace {
double seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_io IN.h5 [repeats]\n";
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const auto dir = fs::temp_directory_path() / ("ssbvox-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string h5 = (dir / "w.h5").string(), vdb = (dir / "w.vdb").string(),
                    back = (dir / "back.h5").string();

  core::VoxelVolume v = io::readVoxelFile(argv[1]).volume;
  v.provenance.clear();
  std::vector<double> tw, tr, tvw, tvr;
  bool identical = true;
  for (int r = 0; r < repeats; ++r) {
    tw.push_back(seconds([&] { io::writeVoxelFile(v, h5); }));
    core::VoxelVolume readBack;
    tr.push_back(seconds([&] { readBack = io::readVoxelFile(h5).volume; }));
    identical = identical && readBack.phase == v.phase;
    tvw.push_back(seconds([&] { io::writeVoxelFile(readBack, vdb); }));
    core::VoxelVolume fromVdb;
    tvr.push_back(seconds([&] { fromVdb = io::readVoxelFile(vdb).volume; }));
    io::writeVoxelFile(fromVdb, back);
    identical = identical && io::readVoxelFile(back).volume.phase == v.phase;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const auto& s = v.shape();
  std::printf("volume            %zu x %zu x %zu (z, y, x) = %.2f M voxels, uint8\n", s.nz, s.ny,
              s.nx, s.size() / 1e6);
  std::printf("hdf5 file         %.2f MB\n", fs::file_size(h5) / 1e6);
  std::printf("vdb file          %.2f MB\n", fs::file_size(vdb) / 1e6);
  std::printf("hdf5 write        %.3f s (median of %d)\n", median(tw), repeats);
  std::printf("hdf5 read         %.3f s\n", median(tr));
  std::printf("hdf5 write+read   %.3f s   (target < 5 s)\n", median(tw) + median(tr));
  std::printf("vdb write         %.3f s\n", median(tvw));
  std::printf("vdb read          %.3f s\n", median(tvr));
  std::printf("h5->vdb->h5       %s\n", identical ? "identical" : "DIFFERENT");
  std::printf("peak memory       %.0f MB\n", ru.ru_maxrss / 1024.0);
  fs::remove_all(dir);
  return identical ? 0 : 1;
}
