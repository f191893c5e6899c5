#pragma once
// The lateral sides of a voxel box, and index arithmetic across them.
//
// x and y of an ssbvox box are either periodic (the box is one cell of a
// wider electrode that repeats, the cathode's default: docs/model.md) or
// bounded (nothing lies beyond them: no neighbour, no flux; an image cut
// from a scan). z is never periodic: it runs from the separator (z = 0) to
// the current collector (z = nz - 1).
//
// Every tool that has sides takes `--sides periodic|bounded`
// (cli/SidesOption.hpp); every library function takes a Sides.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/Grid.hpp"

namespace ssb::core {

enum class Sides : std::uint8_t { Periodic, Bounded };

constexpr bool isPeriodic(Sides s) { return s == Sides::Periodic; }
constexpr std::string_view sidesName(Sides s) { return s == Sides::Periodic ? "periodic" : "bounded"; }

// c on a ring of n cells, in [0, n).
constexpr long wrap(long c, long n) {
  const long r = c % n;
  return r < 0 ? r + n : r;
}

// c on a ring of n when it lies within one period of it (-n <= c < 2n):
// a compare, no division, for hot loops.
constexpr long wrapNear(long c, long n) { return c < 0 ? c + n : (c >= n ? c - n : c); }

// Coordinate c + d on an axis of n cells: wrapped when the axis is
// periodic, -1 where it falls outside a bounded one.
constexpr long step(long c, long d, long n, bool periodic) {
  const long t = c + d;
  if (t >= 0 && t < n) return t;
  return periodic ? wrap(t, n) : -1;
}

// A position on a ring of length n, in [0, n).
inline double wrapPosition(double c, double n) {
  const double r = std::fmod(c, n);
  return r < 0 ? r + n : r;
}

// The shortest signed difference b - a of two positions on a ring of
// length n (both in [0, n)).
constexpr double ringDelta(double a, double b, double n) {
  const double d = b - a;
  return d > 0.5 * n ? d - n : (d < -0.5 * n ? d + n : d);
}

// Flat index (C order) of the +x, +y or +z face neighbour of cell (z, y, x),
// across the periodic sides; kNone where there is none (a bounded side, the
// z ends, or an axis one cell across, where a cell would be its own
// neighbour).
inline constexpr std::size_t kNone = ~std::size_t(0);
inline std::size_t plusX(const Shape& s, Sides sides, std::size_t z, std::size_t y, std::size_t x) {
  const std::size_t i = (z * s.ny + y) * s.nx + x;
  if (x + 1 < s.nx) return i + 1;
  return isPeriodic(sides) && s.nx > 1 ? i + 1 - s.nx : kNone;
}
inline std::size_t plusY(const Shape& s, Sides sides, std::size_t z, std::size_t y, std::size_t x) {
  const std::size_t i = (z * s.ny + y) * s.nx + x;
  if (y + 1 < s.ny) return i + s.nx;
  return isPeriodic(sides) && s.ny > 1 ? i - (s.ny - 1) * s.nx : kNone;
}
inline std::size_t plusZ(const Shape& s, std::size_t z, std::size_t y, std::size_t x) {
  const std::size_t i = (z * s.ny + y) * s.nx + x;
  return z + 1 < s.nz ? i + s.ny * s.nx : kNone;
}

// Calls f(i, j) once for every face between two cells of slab z and their
// +x, +y, +z neighbours j (so every face of the box once over all slabs).
template <typename F>
void forEachFaceOfSlab(const Shape& s, Sides sides, std::size_t z, F&& f) {
  for (std::size_t y = 0; y < s.ny; ++y)
    for (std::size_t x = 0; x < s.nx; ++x) {
      const std::size_t i = (z * s.ny + y) * s.nx + x;
      if (const std::size_t j = plusX(s, sides, z, y, x); j != kNone) f(i, j);
      if (const std::size_t j = plusY(s, sides, z, y, x); j != kNone) f(i, j);
      if (const std::size_t j = plusZ(s, z, y, x); j != kNone) f(i, j);
    }
}

template <typename F>
void forEachFace(const Shape& s, Sides sides, F&& f) {
  for (std::size_t z = 0; z < s.nz; ++z) forEachFaceOfSlab(s, sides, z, f);
}

// The face neighbours of a cell given by its flat index and a set of flags
// telling on which faces of the box it lies (computed once per cell with
// boxFaces), for floods that visit cells in no spatial order and cannot
// afford coordinates per visit.
class FaceSteps {
 public:
  FaceSteps(const Shape& s, Sides sides)
      : sy_(long(s.nx)), sz_(long(s.nx * s.ny)), wrapX_(isPeriodic(sides) && s.nx > 1 ? long(s.nx) - 1 : 0),
        wrapY_(isPeriodic(sides) && s.ny > 1 ? (long(s.ny) - 1) * long(s.nx) : 0) {}
  // Bits: x = 0, x = nx - 1, y = 0, y = ny - 1, z = 0, z = nz - 1.
  static std::uint8_t boxFaces(const Shape& s, std::size_t z, std::size_t y, std::size_t x) {
    return std::uint8_t((x == 0) | (x + 1 == s.nx) << 1 | (y == 0) << 2 | (y + 1 == s.ny) << 3 | (z == 0) << 4 |
                        (z + 1 == s.nz) << 5);
  }
  // f(j) for each face neighbour j of cell i.
  template <typename F>
  void forEach(long i, std::uint8_t faces, F&& f) const {
    if (!(faces & 1)) f(i - 1); else if (wrapX_) f(i + wrapX_);
    if (!(faces & 2)) f(i + 1); else if (wrapX_) f(i - wrapX_);
    if (!(faces & 4)) f(i - sy_); else if (wrapY_) f(i + wrapY_);
    if (!(faces & 8)) f(i + sy_); else if (wrapY_) f(i - wrapY_);
    if (!(faces & 16)) f(i - sz_);
    if (!(faces & 32)) f(i + sz_);
  }

 private:
  long sy_, sz_, wrapX_, wrapY_;
};

}  // namespace ssb::core
