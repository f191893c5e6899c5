#include "io/MetricsJson.hpp"

namespace ssb::io {

void addMetrics(std::map<std::string, core::MetricValue>& metrics, const std::string& prefix,
                const nlohmann::json& document) {
  for (const auto& [key, value] : document.items()) {
    const std::string name = prefix + "." + key;
    if (value.is_object()) addMetrics(metrics, name, value);
    else if (value.is_boolean()) metrics[name] = std::int64_t(value.get<bool>());
    else if (value.is_number_integer()) metrics[name] = value.get<std::int64_t>();
    else if (value.is_number()) metrics[name] = value.get<double>();
    else if (value.is_string()) metrics[name] = value.get<std::string>();
  }
}

}  // namespace ssb::io
