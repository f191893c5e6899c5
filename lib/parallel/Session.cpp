#include "parallel/Session.hpp"

#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/Error.hpp"
#include "parallel/Petsc.hpp"

namespace ssb::parallel {

struct Session::Mpi {
  MPI_Comm failures = MPI_COMM_NULL;  // a communicator of its own: no other collective can meet its reduction
};

Session::Session(const std::string& petscOptions) : mpi_(std::make_unique<Mpi>()) {
  if (!petscOptions.empty() && PetscOptionsInsertString(nullptr, petscOptions.c_str()))
    throw core::InputError("--petsc-options: PETSc cannot parse '" + petscOptions + "'");
  petsc::check(PetscInitializeNoArguments(), "initialisation");
  petsc::check(PetscPushErrorHandler(PetscReturnErrorHandler, nullptr), "PetscPushErrorHandler");
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank_);
  MPI_Comm_size(PETSC_COMM_WORLD, &size_);
  MPI_Comm_dup(PETSC_COMM_WORLD, &mpi_->failures);
  MPI_Comm node;
  int onNode = 1;
  if (MPI_Comm_split_type(PETSC_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) == MPI_SUCCESS) {
    MPI_Comm_size(node, &onNode);
    MPI_Comm_free(&node);
  }
  if (onNode > 1) {
    const unsigned share = std::max(1u, std::thread::hardware_concurrency() / unsigned(onNode));
    threadLimit_ = std::make_shared<tbb::global_control>(tbb::global_control::max_allowed_parallelism, share);
  }
}

Session::~Session() {
  if (mpi_->failures != MPI_COMM_NULL) MPI_Comm_free(&mpi_->failures);
  PetscFinalize();
}

namespace {
void printLine(const std::string& line) {
  const std::string text = line + "\n";  // straight to the descriptor: ranks > 0 have their streams silenced
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(2, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += std::size_t(n);
  }
}
}  // namespace

int Session::reportFailure(int exitCode, const std::string& line) const {
  if (size_ == 1) {
    printLine(line);
    return exitCode;
  }
  // Which processes failed: the largest exit code, and (as size - rank) the
  // first failing process.
  int mine[2] = {exitCode, size_ - rank_}, all[2] = {0, 0};
  MPI_Request request;
  MPI_Iallreduce(mine, all, 2, MPI_INT, MPI_MAX, mpi_->failures, &request);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int done = 0;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (done) {
    if (size_ - all[1] == rank_) printLine(line);
    return all[0];
  }
  // The others are still working (or waiting for this process): stop them.
  printLine(line);
  MPI_Abort(PETSC_COMM_WORLD, exitCode);
  return exitCode;
}

}  // namespace ssb::parallel
