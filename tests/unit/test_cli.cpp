#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/Tool.hpp"
#include "core/Error.hpp"
#include "io/Files.hpp"

using namespace ssb;
namespace fs = std::filesystem;

namespace {

struct Args {
  std::vector<std::string> words;
  std::vector<char*> argv;
  explicit Args(std::vector<std::string> w) : words(std::move(w)) {
    for (auto& s : words) argv.push_back(s.data());
  }
  int argc() { return static_cast<int>(argv.size()); }
};

// A tiny tool with one checked option, as every ssbvox tool is set up.
struct Demo {
  cli::Tool tool{"demo", "demo tool"};
  double radius = 4.0;
  std::string mode = "random";
  Demo() {
    tool.app().add_option("--radius", radius, "radius in voxels")->check(CLI::PositiveNumber)
        ->capture_default_str();
    tool.app().add_option("--assign", mode, "assignment")->capture_default_str();
  }
  int run(std::vector<std::string> words, const std::function<void()>& work = [] {}) {
    words.insert(words.begin(), "demo");
    Args a(words);
    return tool.run(a.argc(), a.argv.data(), work);
  }
};

std::string tempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("ssbvox-cli-" + std::to_string(getpid()) + "-" + name)).string();
}

}  // namespace

TEST_CASE("exit codes: 0 ok, 2 bad usage or input, 1 runtime failure", "[cli]") {
  REQUIRE(Demo().run({"--radius", "2"}) == 0);
  REQUIRE(Demo().run({"--radius", "-1"}) == 2);
  REQUIRE(Demo().run({"--no-such-option"}) == 2);
  REQUIRE(Demo().run({"--threads", "-3"}) == 2);
  REQUIRE(Demo().run({"--log-level", "loud"}) == 2);
  REQUIRE(Demo().run({}, [] { throw core::InputError("x.h5: /phase missing"); }) == 2);
  REQUIRE(Demo().run({}, [] { throw core::RuntimeFailure("solver diverged"); }) == 1);
  REQUIRE(Demo().run({}, [] { throw std::runtime_error("boom"); }) == 1);
  REQUIRE(Demo().run({"--help"}) == 0);
  REQUIRE(Demo().run({"--version"}) == 0);
}

TEST_CASE("options are checked and bound to the struct", "[cli]") {
  Demo d;
  REQUIRE(d.run({"--radius", "2.5", "--seed", "77", "--threads", "1"}) == 0);
  REQUIRE(d.radius == 2.5);
  REQUIRE(d.tool.common().seed == 77);
  REQUIRE(d.tool.common().threads == 1);
}

TEST_CASE("a TOML config file sets options and the command line wins", "[cli]") {
  const std::string cfg = tempPath("params.toml");
  std::ofstream(cfg) << "# parameters\nradius = 3.0\nassign = \"colour\"\nseed = 9\n";
  Demo d;
  REQUIRE(d.run({"--config", cfg, "--radius", "6"}) == 0);
  REQUIRE(d.radius == 6.0);         // command line wins
  REQUIRE(d.mode == "colour");      // from the file
  REQUIRE(d.tool.common().seed == 9);
  // The file's values pass the same checks as the command line's.
  std::ofstream(cfg) << "radius = -2\n";
  REQUIRE(Demo().run({"--config", cfg}) == 2);
  REQUIRE(Demo().run({"--config", tempPath("missing.toml")}) == 2);
  fs::remove(cfg);
}

TEST_CASE("parameters and provenance record what was asked", "[cli][provenance]") {
  Demo d;
  REQUIRE(d.run({"--radius", "5", "--seed", "3", "--log-level", "warn"}) == 0);
  const auto p = nlohmann::json::parse(d.tool.parametersJson());
  REQUIRE(p.at("radius") == 5);
  REQUIRE(p.at("assign") == "random");  // defaults recorded too
  REQUIRE(p.at("seed") == 3);
  REQUIRE_FALSE(p.contains("log-level"));  // does not change results
  io::InputFile in;
  in.path = "in.h5";
  in.sha256 = std::string(64, 'a');
  const auto rec = d.tool.provenance({&in});
  REQUIRE(rec.tool == "demo");
  REQUIRE(rec.seed == 3);
  REQUIRE(rec.commandLine == "demo --radius 5 --seed 3 --log-level warn");
  REQUIRE(nlohmann::json::parse(rec.inputsSha256Json).at("in.h5") == in.sha256);
  REQUIRE(rec.timestampUtc.size() == 20);
}

TEST_CASE("the json option writes the metrics document", "[cli]") {
  const std::string out = tempPath("m.json");
  Demo d;
  REQUIRE(d.run({"--json", out}, [&] { d.tool.writeJson({{"svf_cam", 0.5}}, {}, "o.h5"); }) == 0);
  const auto doc = nlohmann::json::parse(io::readAllBytes(out));
  REQUIRE(doc.at("tool") == "demo");
  REQUIRE(doc.at("output") == "o.h5");
  REQUIRE(doc.at("metrics").at("svf_cam") == 0.5);
  REQUIRE(doc.at("inputs").empty());
  fs::remove(out);
}
