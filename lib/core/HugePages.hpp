#pragma once
// An allocator for large arrays that asks the kernel for transparent huge
// pages (madvise MADV_HUGEPAGE): a 31 M voxel solve touches gigabytes of
// fresh memory, and with 4 KiB pages the page faults alone cost seconds.
// Small requests (under 8 MiB) behave as with std::allocator.
//
// Elements are default-initialised: a BigVector<float>(n) is NOT zeroed
// (use assign(n, 0) for that). Its pages are then first touched where the
// caller first writes them, which can be a parallel loop: on a 31 M voxel
// solve, zeroing the pages costs seconds, and it parallelises.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace ssb::core {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t(2) << 20;
  static constexpr std::size_t kLarge = 4 * kHuge;
  static std::size_t rounded(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  // Large arrays are mapped from the kernel directly, 2 MiB aligned, and
  // unmapped when freed: their memory goes back to the system at once
  // (a heap keeps freed blocks, and a run that frees and allocates arrays
  // in a new order, as two solves one after the other do, would grow).
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kLarge) return static_cast<T*>(::operator new(bytes));
    const std::size_t size = rounded(bytes);
    void* raw = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    // Keep the 2 MiB aligned part: unmap the head and the tail around it.
    const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHuge - 1) / kHuge * kHuge;
    if (aligned > start) ::munmap(raw, aligned - start);
    if (start + kHuge > aligned) ::munmap(reinterpret_cast<void*>(aligned + size), start + kHuge - aligned);
    ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // advice only: no error if refused
    return reinterpret_cast<T*>(aligned);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kLarge) ::operator delete(p);
    else ::munmap(p, rounded(bytes));
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
