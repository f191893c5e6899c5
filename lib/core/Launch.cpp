#include "core/Launch.hpp"

#include <algorithm>
#include <cstdlib>

namespace ssb::core {

namespace {
int fromEnvironment(std::initializer_list<const char*> names, int fallback) {
  for (const char* v : names)
    if (const char* s = std::getenv(v)) return std::atoi(s);
  return fallback;
}
}  // namespace

int launchedProcesses() {
  return std::max(1, fromEnvironment({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}, 1));
}

int launchRank() {
  return std::max(0, fromEnvironment({"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"}, 0));
}

}  // namespace ssb::core
