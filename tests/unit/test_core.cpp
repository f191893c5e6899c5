#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <sstream>
#include <thread>

#include "core/Error.hpp"
#include "core/Grid.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"
#include "core/Progress.hpp"
#include "core/Rng.hpp"
#include "core/Sides.hpp"

using namespace ssb::core;

TEST_CASE("Grid is C-ordered (z, y, x) with x fastest", "[grid]") {
  Grid<int> g(2, 3, 4, 1e-7, -1);
  REQUIRE(g.size() == 24);
  REQUIRE(g.shape().str() == "2x3x4");
  REQUIRE(g.voxelSize_m() == Approx(1e-7));
  REQUIRE(g.index(0, 0, 1) == 1);
  REQUIRE(g.index(0, 1, 0) == 4);
  REQUIRE(g.index(1, 0, 0) == 12);
  REQUIRE(g.index(1, 2, 3) == 23);
  g(1, 2, 3) = 7;
  REQUIRE(g.data()[23] == 7);
  REQUIRE(std::count(g.begin(), g.end(), -1) == 23);
}

TEST_CASE("Grid::at checks bounds in every build", "[grid]") {
  Grid<std::uint8_t> g(2, 2, 2, 1.0);
  REQUIRE_NOTHROW(g.at(1, 1, 1));
  REQUIRE_THROWS_AS(g.at(2, 0, 0), std::out_of_range);
  REQUIRE_THROWS_AS(g.at(0, 0, 2), std::out_of_range);
#ifndef NDEBUG
  REQUIRE_THROWS_AS(g(0, 2, 0), std::out_of_range);
#endif
}

TEST_CASE("Grid equality covers shape, voxel size and values", "[grid]") {
  Grid<float> a(1, 2, 2, 1.0, 0.5f), b(1, 2, 2, 1.0, 0.5f);
  REQUIRE(a == b);
  b(0, 1, 1) = 0.25f;
  REQUIRE(a != b);
  REQUIRE(Grid<float>(1, 2, 2, 2.0, 0.5f) != a);
  REQUIRE(Grid<float>(2, 1, 2, 1.0, 0.5f) != a);
}

TEST_CASE("phase names and codes parse both ways", "[phase]") {
  REQUIRE(parsePhase("pore") == std::optional<std::uint8_t>(kPore));
  REQUIRE(parsePhase("SE") == std::optional<std::uint8_t>(kSE));
  REQUIRE(parsePhase("Cam") == std::optional<std::uint8_t>(kCAM));
  REQUIRE(parsePhase("2") == std::optional<std::uint8_t>(kCAM));
  REQUIRE_FALSE(parsePhase("3"));
  REQUIRE_FALSE(parsePhase("llzo"));
  REQUIRE(phaseName(1) == "se");
  REQUIRE(phaseName(9) == "invalid");
  REQUIRE(isValidPhase(2));
  REQUIRE_FALSE(isValidPhase(3));
}

TEST_CASE("phase fractions count each code exactly", "[phase]") {
  Grid<std::uint8_t> g(1, 2, 4, 1.0);
  g.values() = {0, 1, 1, 2, 2, 2, 2, 0};
  const Fractions f = phaseFractions(g);
  REQUIRE(f.pore == 0.25);
  REQUIRE(f.se == 0.25);
  REQUIRE(f.cam == 0.5);
  REQUIRE(f.svfCam() == 2.0 / 3.0);
  REQUIRE(f.density() == 0.75);
  REQUIRE(phaseFractions(g.data() + 4, 4).cam == 0.75);  // a run of voxels: the second row
  REQUIRE(phaseFractions(g.data(), 0).density() == 0.0);
}

TEST_CASE("wrap, step and ringDelta follow the ring", "[sides]") {
  REQUIRE(wrap(-1, 5) == 4);
  REQUIRE(wrap(5, 5) == 0);
  REQUIRE(wrap(-11, 5) == 4);
  REQUIRE(step(4, 1, 5, true) == 0);
  REQUIRE(step(4, 1, 5, false) == -1);
  REQUIRE(step(0, -1, 5, false) == -1);
  REQUIRE(step(2, 1, 5, false) == 3);
  REQUIRE(ringDelta(9.0, 1.0, 10.0) == 2.0);
  REQUIRE(ringDelta(1.0, 9.0, 10.0) == -2.0);
  REQUIRE(ringDelta(1.0, 4.0, 10.0) == 3.0);
}

TEST_CASE("forEachFace visits every face once, across periodic sides only", "[sides]") {
  // n cells along an axis have n - 1 faces, or n when periodic and n > 1.
  for (Sides sides : {Sides::Periodic, Sides::Bounded}) {
    for (const Shape s : {Shape{3, 4, 5}, Shape{2, 1, 3}, Shape{1, 2, 1}}) {
      std::size_t faces = 0, selfFaces = 0;
      std::vector<int> seen(s.size() * s.size(), 0);
      forEachFace(s, sides, [&](std::size_t i, std::size_t j) {
        ++faces;
        selfFaces += i == j;
        ++seen[std::min(i, j) * s.size() + std::max(i, j)];
      });
      auto along = [&](std::size_t n, bool periodic) { return periodic && n > 1 ? n : n - 1; };
      const bool p = isPeriodic(sides);
      // A periodic axis of two cells joins them twice (across the cell
      // boundary and across the wrap): two faces.
      const std::size_t expected = along(s.nx, p) * s.ny * s.nz + along(s.ny, p) * s.nx * s.nz +
                                   along(s.nz, false) * s.nx * s.ny;
      REQUIRE(faces == expected);
      REQUIRE(selfFaces == 0);
    }
  }
  const Shape s{1, 1, 4};
  REQUIRE(plusX(s, Sides::Periodic, 0, 0, 3) == 0);
  REQUIRE(plusX(s, Sides::Bounded, 0, 0, 3) == kNone);
  REQUIRE(plusZ(s, 0, 0, 1) == kNone);
}

TEST_CASE("Rng: the same seed and stream give the same sequence", "[rng]") {
  Rng a(42, 7), b(42, 7), c(42, 8), d(43, 7);
  std::vector<std::uint64_t> sa, sb, sc, sd;
  for (int i = 0; i < 100; ++i) {
    sa.push_back(a());
    sb.push_back(b());
    sc.push_back(c());
    sd.push_back(d());
  }
  REQUIRE(sa == sb);
  REQUIRE(sa != sc);
  REQUIRE(sa != sd);
}

TEST_CASE("Rng: per-item streams give results independent of thread count", "[rng]") {
  // Each item draws from its own stream; the result must not depend on how
  // items are shared among threads.
  const std::size_t items = 1000;
  auto run = [&](unsigned threads) {
    std::vector<double> out(items);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (std::size_t i = t; i < items; i += threads) {
          Rng rng(2024, i);
          double s = 0;
          for (int k = 0; k < 10; ++k) s += rng.uniform();
          out[i] = s + counterUniform(2024, 1, i);
        }
      });
    for (auto& th : pool) th.join();
    return out;
  };
  const auto one = run(1);
  REQUIRE(run(2) == one);
  REQUIRE(run(5) == one);
}

TEST_CASE("Rng: uniform, below and normal have the right moments", "[rng]") {
  Rng rng(1, 0);
  const int n = 200000;
  double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
  std::vector<int> bins(7, 0);
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
    const auto k = rng.below(7);
    REQUIRE(k < 7);
    ++bins[k];
    const double z = rng.normal();
    nsum += z;
    nsum2 += z * z;
  }
  // Exact moments: mean 1/2, variance 1/12; normal mean 0, variance 1.
  // Tolerances are 5 standard errors.
  REQUIRE(sum / n == Approx(0.5).margin(5 * std::sqrt(1.0 / 12 / n)));
  REQUIRE(sum2 / n - std::pow(sum / n, 2) == Approx(1.0 / 12).margin(0.002));
  REQUIRE(nsum / n == Approx(0.0).margin(5 / std::sqrt(n)));
  REQUIRE(nsum2 / n == Approx(1.0).margin(0.02));
  for (int b : bins) REQUIRE(b == Approx(n / 7.0).margin(5 * std::sqrt(n / 7.0)));
}

TEST_CASE("counterUniform is a pure function of its arguments", "[rng]") {
  REQUIRE(counterUniform(1, 2, 3) == counterUniform(1, 2, 3));
  REQUIRE(counterUniform(1, 2, 3) != counterUniform(1, 2, 4));
  REQUIRE(counterUniform(1, 2, 3) != counterUniform(1, 3, 3));
  double mean = 0;
  for (int i = 0; i < 100000; ++i) mean += counterUniform(9, 0, i);
  REQUIRE(mean / 100000 == Approx(0.5).margin(0.005));
}

TEST_CASE("log level names are checked", "[log]") {
  REQUIRE_NOTHROW(setLogLevel("warn"));
  REQUIRE_FALSE(logEnabled(spdlog::level::info));
  REQUIRE_NOTHROW(setLogLevel("info"));
  REQUIRE(logEnabled(spdlog::level::info));
  REQUIRE_THROWS_AS(setLogLevel("loud"), InputError);
}

TEST_CASE("Progress prints periodic lines off a terminal", "[progress]") {
  std::ostringstream out;
  {
    Progress p("piling", 1000, Progress::Style::Lines, &out);
    for (int i = 1; i <= 1000; ++i) p.update(i);
    p.finish();
  }
  const std::string text = out.str();
  // One line at the start, one per 10 %, none repeated.
  const auto lines = std::count(text.begin(), text.end(), '\n');
  REQUIRE(lines >= 11);
  REQUIRE(lines <= 12);
  REQUIRE(text.find("piling: 50% (500/1000)") != std::string::npos);
  REQUIRE(text.find("piling: 100% (1000/1000)") != std::string::npos);
}

TEST_CASE("Progress draws one bar line on a terminal and is silent when asked", "[progress]") {
  std::ostringstream bar, silent;
  {
    Progress p("solve", 10, Progress::Style::Bar, &bar);
    for (int i = 0; i <= 10; ++i) p.update(i);
    p.finish();
  }
  const std::string drawn = bar.str();
  REQUIRE(std::count(drawn.begin(), drawn.end(), '\n') == 1);
  REQUIRE(drawn.find("100%") != std::string::npos);
  REQUIRE(drawn.find('\r') != std::string::npos);
  {
    Progress p("quiet", 10, Progress::Style::Silent, &silent);
    p.update(5);
    p.finish();
  }
  REQUIRE(silent.str().empty());
}
