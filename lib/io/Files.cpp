#include "io/Files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/Error.hpp"

namespace ssb::io {

namespace fs = std::filesystem;
using core::InputError;
using core::RuntimeFailure;

namespace {
std::string errnoText() { return std::strerror(errno); }

void readFd(int fd, std::string& out, const std::string& name) {
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(name + ": read failed: " + errnoText());
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}
}  // namespace

std::string readAllBytes(const std::string& path) {
  std::string out;
  if (isStdStream(path)) {
    readFd(STDIN_FILENO, out, "stdin");
    if (out.empty()) throw InputError("stdin: no data (expected a voxel file on the pipe)");
    return out;
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": no such file");
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory, expected a file");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": cannot open: " + errnoText());
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  try {
    readFd(fd, out, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  if (out.empty()) throw InputError(path + ": empty file");
  return out;
}

void writeStdout(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw RuntimeFailure("stdout: write failed: " + errnoText());
    }
    done += static_cast<std::size_t>(n);
  }
}

std::string extensionOf(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

AtomicOutputFile::AtomicOutputFile(std::string target) : target_(std::move(target)) {
  const fs::path t(target_);
  const fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(target_ + ": output directory '" + dir.string() + "' does not exist");
  static std::atomic<unsigned> counter{0};
  const std::string stem = "." + t.filename().string() + ".tmp" + std::to_string(::getpid()) +
                           "_" + std::to_string(counter++);
  temp_ = (dir / stem).string() + t.extension().string();
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicOutputFile::commit() {
  if (::rename(temp_.c_str(), target_.c_str()) != 0)
    throw RuntimeFailure(target_ + ": cannot move finished output into place: " + errnoText());
  committed_ = true;
}

void writeAllBytes(const std::string& path, const std::string& bytes) {
  if (isStdStream(path)) {
    writeStdout(bytes);
    return;
  }
  AtomicOutputFile out(path);
  const int fd = ::open(out.tempPath().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(path + ": cannot create: " + errnoText());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = errnoText();
      ::close(fd);
      throw RuntimeFailure(path + ": write failed: " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw RuntimeFailure(path + ": write failed: " + errnoText());
  out.commit();
}

}  // namespace ssb::io
