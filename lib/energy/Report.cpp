#include "energy/Report.hpp"

#include <fmt/format.h>

#include "core/Error.hpp"

namespace ssb::energy {

using nlohmann::json;

json dischargeParameters(const core::VoxelVolume& cell, const std::string& source) {
  for (auto it = cell.provenance.rbegin(); it != cell.provenance.rend(); ++it) {
    if (it->tool != "discharge") continue;
    json p = json::parse(it->parametersJson, nullptr, false);
    if (p.is_discarded() || !p.is_object())
      throw core::InputError(source + ": the discharge step's parameters in /provenance are not a JSON object");
    return p;
  }
  throw core::InputError(source + ": no discharge step in /provenance (run discharge first)");
}

void printEvaluation(std::ostream& out, const json& m) {
  auto row = [&](const std::string& name, const json& value, int digits, const std::string& unit) {
    out << fmt::format("{:<44} {:>12} {}\n", name,
                       value.is_number() ? fmt::format("{:.{}f}", value.get<double>(), digits) : std::string("-"), unit);
  };
  row("CAM " + m["cam"].get<std::string>() + ", cut-off", m["cutoff_V"], 3, "V");
  row("capacity per area", m["capacity_mAh_per_cm2"], 4, "mAh/cm2");
  row("energy per area", m["energy_mWh_per_cm2"], 4, "mWh/cm2");
  row("mean voltage", m["mean_voltage_V"], 4, "V");
  row("C_theo (Eq. 8)", m["c_theo_mAh_per_g"], 2, "mAh/g");
  for (const char* which : {"cleaned", "removed_counted"}) {
    const json& v = m[which];
    out << (std::string(which) == "cleaned" ? "removed clusters not counted (as the study, the headline values):\n"
                                            : "removed clusters counted:\n");
    row("  C_grav (Eq. 7)", v["c_grav_mAh_per_g"], 2, "mAh/g");
    row("  C_norm", v["c_norm"], 4, "");
    row("  E_grav (Eq. 9)", v["e_grav_Wh_per_kg"], 1, "Wh/kg");
    const json& mass = v["masses_mg_per_cm2"];
    out << fmt::format("  {:<42} {:>12} mg/cm2\n", "masses CAM / SE / separator / anode",
                       fmt::format("{:.3f} / {:.3f} / {:.3f} / {:.3f}", mass["cam"].get<double>(), mass["se"].get<double>(),
                                   mass["separator"].get<double>(), mass["anode"].get<double>()));
  }
  row("C_norm from the final Li field", m["c_norm_from_li_field"], 4, "");
}

}  // namespace ssb::energy
