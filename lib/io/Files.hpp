#pragma once
// Byte-level file access shared by every format: whole-file reads (a path or
// `-` for stdin) and atomic writes (a temporary file beside the target,
// renamed into place on success, removed on failure).
#include <string>

namespace ssb::io {

inline bool isStdStream(const std::string& path) { return path == "-"; }

// Reads a whole file, or stdin for "-". Throws core::InputError naming the path
// if it does not exist or cannot be read.
std::string readAllBytes(const std::string& path);

// Writes bytes to stdout (binary, unbuffered by iostreams).
void writeStdout(const std::string& bytes);

// A temporary path beside `target` that keeps its extension, so that writers
// choosing a format by extension (ITK) still see it. On destruction without
// commit() the temporary file is removed: no partial output ever appears at
// `target`.
class AtomicOutputFile {
 public:
  explicit AtomicOutputFile(std::string target);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  const std::string& tempPath() const { return temp_; }
  const std::string& target() const { return target_; }
  // fsyncs nothing (speed); renames the temporary file onto the target.
  void commit();

 private:
  std::string target_, temp_;
  bool committed_ = false;
};

// Writes `bytes` to `path` atomically, or to stdout for "-".
void writeAllBytes(const std::string& path, const std::string& bytes);

std::string extensionOf(const std::string& path);  // lower case, without dot

}  // namespace ssb::io
