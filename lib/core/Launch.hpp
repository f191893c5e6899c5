#pragma once
// The processes an MPI launcher (mpirun, srun) started and this process's
// rank among them, read from the launcher's environment, so that a tool
// knows before (and without) starting MPI whether it runs as one of many.
namespace ssb::core {

int launchedProcesses();  // 1 outside a launcher
int launchRank();         // 0 outside a launcher

}  // namespace ssb::core
