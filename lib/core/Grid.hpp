#pragma once
// Dense 3D voxel array, C-ordered with index (z, y, x): x varies fastest.
// z is the through-plane axis of a cathode (z = 0 faces the separator).
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ssb::core {

struct Shape {
  std::size_t nz = 0, ny = 0, nx = 0;
  std::size_t size() const { return nz * ny * nx; }
  bool operator==(const Shape& o) const { return nz == o.nz && ny == o.ny && nx == o.nx; }
  bool operator!=(const Shape& o) const { return !(*this == o); }
  std::string str() const {
    return std::to_string(nz) + "x" + std::to_string(ny) + "x" + std::to_string(nx);
  }
};

template <typename T>
class Grid {
 public:
  using value_type = T;

  Grid() = default;
  Grid(Shape shape, double voxelSize_m, T fill = T{})
      : shape_(shape), voxelSize_m_(voxelSize_m), data_(shape.size(), fill) {}
  Grid(std::size_t nz, std::size_t ny, std::size_t nx, double voxelSize_m, T fill = T{})
      : Grid(Shape{nz, ny, nx}, voxelSize_m, fill) {}

  const Shape& shape() const { return shape_; }
  std::size_t nz() const { return shape_.nz; }
  std::size_t ny() const { return shape_.ny; }
  std::size_t nx() const { return shape_.nx; }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }

  double voxelSize_m() const { return voxelSize_m_; }
  void setVoxelSize_m(double h) { voxelSize_m_ = h; }

  std::size_t index(std::size_t z, std::size_t y, std::size_t x) const {
#ifndef NDEBUG
    if (z >= shape_.nz || y >= shape_.ny || x >= shape_.nx)
      throw std::out_of_range("Grid index (" + std::to_string(z) + "," + std::to_string(y) +
                              "," + std::to_string(x) + ") outside " + shape_.str());
#endif
    return (z * shape_.ny + y) * shape_.nx + x;
  }
  T& operator()(std::size_t z, std::size_t y, std::size_t x) { return data_[index(z, y, x)]; }
  const T& operator()(std::size_t z, std::size_t y, std::size_t x) const {
    return data_[index(z, y, x)];
  }
  // Bounds-checked in every build type, for code that takes indices from input.
  T& at(std::size_t z, std::size_t y, std::size_t x) { return data_.at(checkedIndex(z, y, x)); }
  const T& at(std::size_t z, std::size_t y, std::size_t x) const {
    return data_.at(checkedIndex(z, y, x));
  }

  T* data() { return data_.data(); }
  const T* data() const { return data_.data(); }
  std::vector<T>& values() { return data_; }
  const std::vector<T>& values() const { return data_; }
  auto begin() { return data_.begin(); }
  auto end() { return data_.end(); }
  auto begin() const { return data_.begin(); }
  auto end() const { return data_.end(); }

  bool operator==(const Grid& o) const {
    return shape_ == o.shape_ && voxelSize_m_ == o.voxelSize_m_ && data_ == o.data_;
  }
  bool operator!=(const Grid& o) const { return !(*this == o); }

 private:
  std::size_t checkedIndex(std::size_t z, std::size_t y, std::size_t x) const {
    if (z >= shape_.nz || y >= shape_.ny || x >= shape_.nx)
      throw std::out_of_range("Grid index (" + std::to_string(z) + "," + std::to_string(y) +
                              "," + std::to_string(x) + ") outside " + shape_.str());
    return (z * shape_.ny + y) * shape_.nx + x;
  }

  Shape shape_{};
  double voxelSize_m_ = 0.0;
  std::vector<T> data_;
};

}  // namespace ssb::core
