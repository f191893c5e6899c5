#pragma once
// Error types that map onto the tools' exit codes (docs/architecture.md, "Conventions"):
// 2 for bad usage or bad input, 1 for a runtime failure.
#include <stdexcept>
#include <string>

namespace ssb::core {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// The input (a file, a dataset, an option value) is not what was expected.
// The message names the file, dataset or option and what was expected.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The input was fine but the work failed (solver diverged, target not reached,
// disk full).
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ssb::core
