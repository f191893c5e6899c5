#pragma once
// PETSc for lib/parallel's sources only (PETSc headers stay out of the
// rest of ssbvox): every return code checked, every object owned.
#include <petscksp.h>
#include <petscsf.h>

#include <string>
#include <utility>

#include "core/Error.hpp"

namespace ssb::parallel::petsc {

// A failed PETSc call becomes a core::RuntimeFailure naming the call.
inline void check(PetscErrorCode e, const char* what) {
  if (e) throw core::RuntimeFailure(std::string("PETSc: ") + what + " failed (error " + std::to_string(int(e)) + ")");
}

// Callbacks run inside PETSc's C frames: an exception must not cross them.
// It is kept in `error` and raised again once PETSc has returned.
template <typename F>
PetscErrorCode guarded(std::string& error, F&& work) {
  try {
    work();
    return 0;
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  return PETSC_ERR_LIB;
}

// Owns one PETSc object and destroys it when it goes, also when an
// exception leaves the scope that made it.
template <typename T, PetscErrorCode (*Destroy)(T*)>
class Handle {
 public:
  Handle() = default;
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, nullptr);
    }
    return *this;
  }
  T get() const { return h_; }
  operator T() const { return h_; }
  // For the creating call: `check(VecCreate(comm, v.out()), "VecCreate")`.
  T* out() {
    reset();
    return &h_;
  }
  void reset() {
    if (h_) Destroy(&h_);  // destruction cannot report: its code is dropped
    h_ = nullptr;
  }

 private:
  T h_ = nullptr;
};

using VecHandle = Handle<Vec, VecDestroy>;
using MatHandle = Handle<Mat, MatDestroy>;
using KspHandle = Handle<KSP, KSPDestroy>;
using SfHandle = Handle<PetscSF, PetscSFDestroy>;

// Read and write access to a Vec's local values, restored when it goes.
class VecArray {
 public:
  explicit VecArray(Vec v) : v_(v) { check(VecGetArray(v, &a_), "VecGetArray"); }
  ~VecArray() { VecRestoreArray(v_, &a_); }
  VecArray(const VecArray&) = delete;
  VecArray& operator=(const VecArray&) = delete;
  PetscScalar* data() { return a_; }

 private:
  Vec v_;
  PetscScalar* a_ = nullptr;
};

class ConstVecArray {
 public:
  explicit ConstVecArray(Vec v) : v_(v) { check(VecGetArrayRead(v, &a_), "VecGetArrayRead"); }
  ~ConstVecArray() { VecRestoreArrayRead(v_, &a_); }
  ConstVecArray(const ConstVecArray&) = delete;
  ConstVecArray& operator=(const ConstVecArray&) = delete;
  const PetscScalar* data() const { return a_; }

 private:
  Vec v_;
  const PetscScalar* a_ = nullptr;
};

}  // namespace ssb::parallel::petsc
