#pragma once
// Everything geomstats reports about one structure, as JSON (metrics
// document) and flat scalars (/metrics).
#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>

#include "core/Grid.hpp"
#include "core/Sides.hpp"

namespace ssb::geometry {

struct GeometryReport {
  core::Grid<std::uint8_t> cleaned;  // isolated SE and CAM clusters turned to pore
  nlohmann::json report;             // what geomstats prints and writes
};

// Fractions, active area (before and after cluster removal), connectivity
// of SE (to the separator face) and CAM (to the collector face), and the
// phase fractions of every z slice.
GeometryReport analyseStructure(const core::Grid<std::uint8_t>& phase, core::Sides sides = core::Sides::Periodic);

void printReport(std::ostream& out, const nlohmann::json& report);

}  // namespace ssb::geometry
