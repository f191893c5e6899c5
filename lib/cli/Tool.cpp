#include "cli/Tool.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/Error.hpp"
#include "core/Launch.hpp"
#include "core/Log.hpp"
#include "io/Files.hpp"

#ifndef SSB_VERSION
#define SSB_VERSION "unknown"
#endif
#ifndef SSB_GIT_COMMIT
#define SSB_GIT_COMMIT "unknown"
#endif

namespace ssb::cli {

using nlohmann::json;

namespace {
double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Shell-quotes an argument only where needed, so the line can be pasted back.
std::string quoted(const std::string& arg) {
  if (!arg.empty() && arg.find_first_of(" \t\n'\"\\$`*?[]{}();&|<>!#~") == std::string::npos)
    return arg;
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Options whose values never change a result: not parameters.
bool isBookkeeping(const std::string& name) {
  return name == "--help" || name == "--version" || name == "--threads" || name == "--log-level" ||
         name == "--json" || name == "--config" || name == "-o" || name == "--output";
}

json optionValue(const CLI::Option* opt) {
  std::vector<std::string> values = opt->results();
  if (values.empty() && !opt->get_default_str().empty()) values = {opt->get_default_str()};
  auto typed = [](const std::string& s) -> json {
    if (s == "true") return true;
    if (s == "false") return false;
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size()) {
      if (s.find_first_of(".eE") == std::string::npos) {
        try { return std::stoll(s); } catch (...) {}
      }
      return d;
    }
    return s;
  };
  if (values.empty()) return opt->get_type_size() == 0 ? json(opt->count() > 0) : json(nullptr);
  if (values.size() == 1 && opt->get_expected_max() <= 1) return typed(values[0]);
  json a = json::array();
  for (const auto& v : values) a.push_back(typed(v));
  return a;
}

void addOptions(const CLI::App& app, json& out) {
  for (const CLI::Option* opt : app.get_options()) {
    std::string name = opt->get_name(false, false);
    if (isBookkeeping(name)) continue;
    while (!name.empty() && name[0] == '-') name.erase(0, 1);
    if (name.empty()) continue;
    out[name] = optionValue(opt);
  }
}
}  // namespace

const CLI::Validator Positive(
    [](std::string& value) -> std::string {
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (value.empty() || end != value.c_str() + value.size() || !(v > 0.0) || !std::isfinite(v))
        return "must be a positive number, got '" + value + "'";
      return {};
    },
    "POSITIVE");

const CLI::Validator OpenFraction(
    [](std::string& value) -> std::string {
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (value.empty() || end != value.c_str() + value.size() || !(v > 0.0 && v < 1.0))
        return "must lie strictly between 0 and 1, got " + value;
      return {};
    },
    "(0,1)");

std::string version() { return SSB_VERSION; }
std::string gitCommit() { return SSB_GIT_COMMIT; }

std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Tool::Tool(std::string name, std::string description)
    : name_(std::move(name)), app_(std::move(description), name_) {
  app_.set_version_flag("--version", name_ + " (ssbvox) " + version() + " " + gitCommit());
  app_.add_option("--threads", common_.threads, "Worker threads (0: all cores)")
      ->check(CLI::Range(0u, 4096u));
  app_.add_option("--seed", common_.seed, "Seed of the random numbers")->capture_default_str();
  app_.add_option("--log-level", common_.logLevel, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app_.add_option("--json", common_.jsonPath, "Write the metrics as JSON to PATH, or - for stdout");
  app_.set_config("--config", "", "Read options from a TOML parameter file (command line wins)");
  app_.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is an error
}

Tool::~Tool() = default;

int Tool::run(int argc, char** argv, const std::function<void()>& work) {
  start_ = nowSeconds();
  core::setLogToolName(name_);
  for (int i = 0; i < argc; ++i) commandLine_ += (i ? " " : "") + quoted(argv[i]);
  const bool speaker = core::launchRank() == 0;  // under an MPI launcher, the first process speaks
  if (!speaker) core::setLogLevel("off");
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app_.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app_.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app_.exit(e);
  } catch (const CLI::ParseError& e) {
    // Every process parses the same command line: the first one says so.
    if (speaker) std::cerr << name_ << ": error: " << e.what() << " (see " << name_ << " --help)\n";
    return core::kExitBadInput;
  }
  auto fail = [&](int code, const std::string& kind, const std::string& what) {
    const std::string line = name_ + ": " + kind + ": " + what;
    if (reporter_) return reporter_(code, line);
    std::cerr << line << "\n";
    return code;
  };
  try {
    if (speaker) {
      core::setLogLevel(common_.logLevel);
    } else {
      std::cout.rdbuf(nullptr);
      std::cerr.rdbuf(nullptr);
    }
    // A --json file that cannot be written is known before any work is done.
    if (!common_.jsonPath.empty() && !io::isStdStream(common_.jsonPath))
      io::AtomicOutputFile probe(common_.jsonPath);
    const unsigned threads = common_.threads ? common_.threads : std::thread::hardware_concurrency();
    threadLimit_ = std::make_shared<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism, std::max(1u, threads));
    work();
    core::log().info("done in {:.2f} s", elapsed_s());
    return core::kExitOk;
  } catch (const core::InputError& e) {
    return fail(core::kExitBadInput, "error", e.what());
  } catch (const core::RuntimeFailure& e) {
    return fail(core::kExitFailure, "failed", e.what());
  } catch (const std::bad_alloc&) {
    return fail(core::kExitFailure, "failed", "out of memory");
  } catch (const std::exception& e) {
    return fail(core::kExitFailure, "failed", e.what());
  }
}

double Tool::elapsed_s() const { return nowSeconds() - start_; }

std::string Tool::parametersJson() const {
  json p = json::object();
  addOptions(app_, p);
  for (const CLI::App* sub : app_.get_subcommands()) {
    json s = json::object();
    addOptions(*sub, s);
    p[sub->get_name()] = s;
  }
  return p.dump();
}

core::ProvenanceRecord Tool::provenance(const std::vector<const io::InputFile*>& inputs) const {
  core::ProvenanceRecord r;
  r.tool = name_;
  r.version = version();
  r.gitCommit = gitCommit();
  r.commandLine = commandLine_;
  r.parametersJson = parametersJson();
  json sha = json::object();
  for (const auto* in : inputs) sha[in->path] = in->sha256;
  r.inputsSha256Json = sha.dump();
  r.seed = common_.seed;
  r.wallTime_s = elapsed_s();
  r.timestampUtc = utcNow();
  return r;
}

void Tool::writeJson(const json& metrics, const std::vector<const io::InputFile*>& inputs,
                     const std::string& output) const {
  if (common_.jsonPath.empty()) return;
  json doc;
  doc["tool"] = name_;
  doc["version"] = version();
  doc["git_commit"] = gitCommit();
  doc["inputs"] = json::array();
  for (const auto* in : inputs)
    doc["inputs"].push_back({{"path", in->path}, {"format", io::formatName(in->format)},
                             {"sha256", in->sha256}, {"size_bytes", in->sizeBytes}});
  doc["output"] = output.empty() ? json(nullptr) : json(output);
  doc["wall_time_s"] = elapsed_s();
  doc["metrics"] = metrics;
  // Invalid UTF-8 from a damaged or foreign file is replaced, not fatal.
  io::writeAllBytes(common_.jsonPath,
                    doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace ssb::cli
