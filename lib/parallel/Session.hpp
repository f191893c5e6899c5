#pragma once
// MPI and PETSc for the lifetime of a run (parallel/RunPolicy.hpp starts
// one). MPI types stay in the source file.
#include <memory>
#include <string>

namespace ssb::parallel {

class Session {
 public:
  // Inserts `petscOptions` before PETSc starts (so that options PETSc reads
  // only then, -log_view or -malloc_view, work too), starts MPI and PETSc,
  // makes PETSc errors come back as codes instead of tracebacks from every
  // process, and limits each process's threads to its share of the node's
  // cores. Throws core::InputError for options PETSc cannot parse.
  explicit Session(const std::string& petscOptions);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // The failure of this process (exit code, one line): returns the exit
  // code of the run when every process failed (the first failing process
  // has printed its line), or prints this process's line and aborts the
  // run when the others have not failed within a few seconds.
  int reportFailure(int exitCode, const std::string& line) const;

 private:
  struct Mpi;
  std::unique_ptr<Mpi> mpi_;
  int rank_ = 0, size_ = 1;
  std::shared_ptr<void> threadLimit_;
};

}  // namespace ssb::parallel
