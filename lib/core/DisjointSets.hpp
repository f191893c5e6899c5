#pragma once
// Union-find over dense indices with path halving; union keeps the smaller
// index as the root, so labels derived from it are deterministic.
#include <cstdint>
#include <numeric>
#include <vector>

namespace ssb::core {

struct DisjointSets {
  std::vector<std::uint32_t> parent;
  explicit DisjointSets(std::size_t n = 0) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t add() {
    parent.push_back(static_cast<std::uint32_t>(parent.size()));
    return parent.back();
  }
  std::uint32_t find(std::uint32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) parent[b] = a; else parent[a] = b;
  }
};

}  // namespace ssb::core
