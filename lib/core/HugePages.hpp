#pragma once
// An allocator for large arrays that asks the kernel for transparent huge
// pages (madvise MADV_HUGEPAGE): a 31 M voxel solve touches gigabytes of
// fresh memory, and with 4 KiB pages the page faults alone cost seconds.
// Small requests behave as with std::allocator.
//
// Elements are default-initialised: a BigVector<float>(n) is NOT zeroed
// (use assign(n, 0) for that). Its pages are then first touched where the
// caller first writes them, which can be a parallel loop: on a 31 M voxel
// solve, zeroing the pages costs seconds, and it parallelises.
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace ssb::core {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    constexpr std::size_t kHuge = std::size_t(2) << 20;
    if (bytes < 4 * kHuge) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: no error if refused
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < 4 * (std::size_t(2) << 20)) ::operator delete(p);
    else std::free(p);
  }
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialisation: numbers stay untouched
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace ssb::core
