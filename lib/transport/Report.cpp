#include "transport/Report.hpp"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>

#include "core/Error.hpp"
#include "core/Log.hpp"
#include "core/Phase.hpp"

namespace ssb::transport {

using nlohmann::json;

void requirePhases(const core::VoxelVolume& v, const std::vector<std::uint8_t>& phases, const std::string& source) {
  const core::Fractions f = core::phaseFractions(v.phase);
  for (std::uint8_t p : phases)
    if ((p == core::kSE ? f.se : f.cam) == 0.0)
      throw core::InputError(source + ": /phase has no " + std::string(core::phaseName(p)) + " voxels (code " +
                             std::to_string(int(p)) + "); choose --phase for the phases present");
}

EffcondRun runEffcond(const core::VoxelVolume& v, const EffcondOptions& o, numerics::Solver& solver) {
  EffcondRun run;
  json& rep = run.report;
  const core::Grid<std::uint8_t> phase = alongAxis(v.phase, o.axis);
  std::optional<core::Grid<std::uint8_t>> mat;
  if (o.gbResistance_ohm_cm2 > 0 && v.materialId) mat = alongAxis(*v.materialId, o.axis);
  rep["axis"] = std::string(1, "zyx"[o.axis]);
  rep["sides"] = std::string(core::sidesName(o.sides));
  rep["voxels"] = v.phase.size();
  rep["voxel_size_um"] = v.voxelSize_m() * 1e6;
  rep["gb_resistance_ohm_cm2"] = o.gbResistance_ohm_cm2;
  rep["gb_resistance_factor"] = o.gbResistanceFactor;
  for (std::uint8_t p : o.phases) {
    const std::string name(core::phaseName(p));
    json r;
    const double sigma_S_per_cm = p == core::kSE ? o.sigmaSe_S_per_cm : o.sigmaCam_S_per_cm;
    r["bulk_conductivity_S_per_cm"] = sigma_S_per_cm;
    ConductionOptions co;
    co.phase = p;
    co.conductivity_S_per_m = sigma_S_per_cm * 100.0;
    co.sides = o.sides;
    co.gbResistance_ohm_m2 = p == core::kSE ? o.gbResistance_ohm_cm2 * o.gbResistanceFactor * 1e-4 : 0.0;
    if (o.dryRun) {  // the problem's size and percolation, without building or solving it
      const ConductionProblem problem(phase, nullptr, co);
      r["phase_voxels"] = problem.phaseVoxels();
      r["unknowns"] = problem.activeVoxels();
      r["percolates"] = problem.percolates();
      r["percolating_fraction"] =
          problem.phaseVoxels() ? double(problem.activeVoxels()) / double(problem.phaseVoxels()) : 0.0;
      r["memory_estimate_GiB"] =
          estimatedMemory_bytes(phase.size(), solver.name(), solver.processes()) / double(1ull << 30);
      rep[name] = r;
      continue;
    }
    const EffectiveResult e = effectiveConductivity(phase, mat ? &*mat : nullptr, co, o.krylov, solver, o.wantFields);
    r["volume_fraction"] = e.volumeFraction;
    r["percolating_fraction"] = e.percolatingFraction;
    r["phase_voxels"] = e.voxels;
    r["unknowns"] = e.unknowns;
    r["isolated_voxels"] = e.isolatedVoxels;
    r["gb_faces"] = e.gbFaces;
    r["sigma_eff_S_per_cm"] = e.sigmaEff_S_per_m / 100.0;
    r["sigma_eff_normalised"] = e.normalised();
    if (e.tortuosity) {
      r["tortuosity"] = *e.tortuosity;
      r["tortuosity_factor"] = *e.tortuosity * *e.tortuosity;
    } else {
      r["tortuosity"] = nullptr;
      r["tortuosity_factor"] = nullptr;
      r["reason"] = "no percolating path between the two faces: sigma_eff = 0, tau infinite";
    }
    r["relative_flux_imbalance"] = e.relativeFluxImbalance;
    r["iterations"] = e.iterations;
    r["multigrid_levels"] = e.levels;
    r["relative_residual"] = e.relativeResidual;
    r["solve_time_s"] = e.solveTime_s;
    r["converged"] = e.converged;
    if (!e.converged) {
      run.converged = false;
      std::ostringstream m;
      m << name << ": the solver stopped after " << e.iterations << " iterations at relative residual "
        << e.relativeResidual << " (asked " << o.krylov.relativeTolerance << ")";
      run.failure = m.str();
    }
    core::log().info("{}: sigma_eff {:.4g} S/cm ({:.4g} of bulk), tau {}, {} iterations, {:.2f} s", name,
                     e.sigmaEff_S_per_m / 100.0, e.normalised(),
                     e.tortuosity ? std::to_string(*e.tortuosity) : std::string("inf"), e.iterations, e.solveTime_s);
    if (!e.potential_V.empty()) {
      core::Grid<float> pot(v.phase.shape(), v.voxelSize_m()), cur(v.phase.shape(), v.voxelSize_m());
      const auto back = fromAxis(e.potential_V, v.phase.shape(), o.axis);
      const auto backJ = fromAxis(e.currentDensity_A_per_m2, v.phase.shape(), o.axis);
      for (std::size_t i = 0; i < back.size(); ++i) { pot.values()[i] = float(back[i]); cur.values()[i] = backJ[i]; }
      run.fields.emplace("effcond.potential_" + name + "_V", std::move(pot));
      run.fields.emplace("effcond.current_density_" + name + "_A_per_m2", std::move(cur));
    }
    rep[name] = r;
  }
  return run;
}

void printEffcond(std::ostream& out, const json& rep) {
  out << "axis " << rep["axis"].get<std::string>() << ", sides " << rep["sides"].get<std::string>()
      << ", GB resistance " << rep["gb_resistance_ohm_cm2"].get<double>() << " ohm cm^2\n";
  for (const char* name : {"se", "cam"}) {
    if (!rep.contains(name)) continue;
    const json& r = rep[name];
    out << name << ":\n";
    auto row = [&](const std::string& k, const std::string& v) {
      out << "  " << std::left << std::setw(28) << k << v << "\n";
    };
    auto num = [](double v, int p = 4) { std::ostringstream s; s << std::setprecision(p) << v; return s.str(); };
    if (r.contains("memory_estimate_GiB")) {
      row("phase voxels", std::to_string(r["phase_voxels"].get<std::uint64_t>()));
      row("unknowns", std::to_string(r["unknowns"].get<std::uint64_t>()));
      row("percolates", r["percolates"].get<bool>() ? "yes" : "no");
      row("memory estimate", num(r["memory_estimate_GiB"].get<double>(), 3) + " GiB");
      continue;
    }
    row("volume fraction eps", num(r["volume_fraction"].get<double>()));
    row("percolating fraction", num(r["percolating_fraction"].get<double>()));
    row("sigma_eff", num(r["sigma_eff_S_per_cm"].get<double>()) + " S/cm");
    row("sigma_eff / sigma", num(r["sigma_eff_normalised"].get<double>()));
    row("tortuosity tau", r["tortuosity"].is_null() ? "inf" : num(r["tortuosity"].get<double>()));
    row("tortuosity factor tau^2", r["tortuosity_factor"].is_null() ? "inf" : num(r["tortuosity_factor"].get<double>()));
    row("flux imbalance", num(r["relative_flux_imbalance"].get<double>(), 2));
    row("iterations", std::to_string(r["iterations"].get<int>()) + " (" + std::to_string(r["multigrid_levels"].get<int>()) + " levels)");
    row("solve time", num(r["solve_time_s"].get<double>(), 3) + " s");
  }
}

}  // namespace ssb::transport
