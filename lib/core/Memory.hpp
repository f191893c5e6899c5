#pragma once
// The process's own memory use, for the reports of long runs.
namespace ssb::core {

// The largest resident set this process has had so far, in MiB (0 where
// the system does not say).
double peakMemory_MiB();

}  // namespace ssb::core
