#pragma once
// What every ssbvox tool shares (docs/architecture.md, "Conventions"):
// a CLI11 app with --help, --version, --threads, --seed, --log-level,
// --json PATH|-, --config FILE (TOML, read by CLI11 so the same validators
// apply; options on the command line win), exit codes (0 ok, 1 runtime
// failure, 2 bad usage or input), one-line error messages, timing logged,
// and the provenance record each output file gets. Under an MPI launcher
// only the first process speaks (core/Launch.hpp).
//
//   int main(int argc, char** argv) {
//     ssb::cli::Tool tool("voxconvert", "Convert voxel files");
//     Options opt;                  // the tool's own options struct
//     tool.app().add_option(...);   // bound to opt, with checks
//     return tool.run(argc, argv, [&] { work(tool, opt); });
//   }
#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "io/VoxelFile.hpp"

namespace ssb::cli {

struct CommonOptions {
  unsigned threads = 0;  // 0: all hardware threads
  std::uint64_t seed = 1;
  std::string logLevel = "info";
  std::string jsonPath;  // empty: no JSON; "-": stdout
  std::string configPath;
};

class Tool {
 public:
  Tool(std::string name, std::string description);
  ~Tool();

  CLI::App& app() { return app_; }
  const CommonOptions& common() const { return common_; }
  const std::string& name() const { return name_; }

  // Parses, sets up logging and threads, runs `work`, and maps every outcome
  // onto an exit code with a one-line message on stderr.
  int run(int argc, char** argv, const std::function<void()>& work);

  // Who tells the user about a failure: by default this process prints the
  // line on stderr and returns the exit code; a run on several processes
  // (parallel/RunPolicy.hpp) installs one that agrees with the other
  // processes on one line and one code.
  using ErrorReporter = std::function<int(int exitCode, const std::string& line)>;
  void setErrorReporter(ErrorReporter reporter) { reporter_ = std::move(reporter); }

  // The command line as typed, for provenance.
  const std::string& commandLine() const { return commandLine_; }
  // The options of `app` (and of the subcommand used) with their values,
  // as a JSON object; shared options that do not change results are left out.
  std::string parametersJson() const;
  double elapsed_s() const;

  // A provenance record of this run, for a file derived from `inputs`.
  core::ProvenanceRecord provenance(const std::vector<const io::InputFile*>& inputs) const;

  // Writes the metrics document (schemas/metrics.schema.json) to --json if it
  // was given: {"tool", "version", "git_commit", "inputs", "output",
  // "wall_time_s", "metrics"}.
  void writeJson(const nlohmann::json& metrics, const std::vector<const io::InputFile*>& inputs,
                 const std::string& output) const;
  bool jsonToStdout() const { return common_.jsonPath == "-"; }

 private:
  std::string name_;
  CLI::App app_;
  CommonOptions common_;
  std::string commandLine_;
  std::shared_ptr<void> threadLimit_;
  ErrorReporter reporter_;
  double start_ = 0.0;
};

// Validator for options that must be > 0, with a readable message.
extern const CLI::Validator Positive;
// Validator for fractions strictly between 0 and 1.
extern const CLI::Validator OpenFraction;

std::string version();    // ssbvox version, e.g. "0.1.0"
std::string gitCommit();  // commit the tools were built from
std::string utcNow();     // ISO 8601

}  // namespace ssb::cli
