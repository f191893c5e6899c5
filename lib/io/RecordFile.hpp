#pragma once
// A record file: named numbers, texts and arrays of doubles in one HDF5
// file, written atomically (a temporary file renamed into place) and read
// back whole, every problem a one-line core::InputError naming the file.
// For states a tool saves and reads itself (discharge's checkpoints), not
// for voxel data (VoxelFile.hpp). Arrays keep every bit of their doubles
// and carry a Fletcher-32 checksum per chunk; the metadata is checksummed
// by the HDF5 1.10 format.
#include <map>
#include <string>
#include <vector>

namespace ssb::io {

struct Record {
  std::string kind;  // the file's "format" attribute; a reader asks for its kind
  int version = 1;
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::map<std::string, std::vector<double>> arrays;
};

void writeRecordFile(const Record& record, const std::string& path);
// Throws core::InputError if `path` is missing, not HDF5, damaged, of another
// kind or of a later version.
Record readRecordFile(const std::string& path, const std::string& kind, int version);

}  // namespace ssb::io
