#include "parallel/PetscSolver.hpp"

#include <algorithm>
#include <cmath>

#include "core/Error.hpp"
#include "core/Sides.hpp"
#include "parallel/Petsc.hpp"

namespace ssb::parallel {

using namespace numerics;
using petsc::check;

namespace {

MPI_Comm world() { return PETSC_COMM_WORLD; }

// Every process's box of one level (gathered: a collective call), the
// owner of any cell, and PETSc's global numbering (processes in rank
// order, each process's owned cells in C order).
struct Partition {
  std::vector<Box> boxes;
  std::array<std::vector<std::size_t>, 3> starts;  // per axis: the sorted first cells of the processes
  std::vector<int> rankAt;                          // by process coordinates (z, y, x), x fastest
  std::vector<PetscInt> offset;                     // per rank: its first global number

  static Partition of(const Box& mine) {
    int size = 1;
    MPI_Comm_size(world(), &size);
    unsigned long long own[6] = {mine.start[0], mine.start[1], mine.start[2], mine.count[0], mine.count[1], mine.count[2]};
    std::vector<unsigned long long> all(6 * std::size_t(size));
    MPI_Allgather(own, 6, MPI_UNSIGNED_LONG_LONG, all.data(), 6, MPI_UNSIGNED_LONG_LONG, world());
    Partition p;
    for (int r = 0; r < size; ++r) {
      Box b;
      b.global = mine.global;
      for (int a = 0; a < 3; ++a) {
        b.start[std::size_t(a)] = std::size_t(all[6 * std::size_t(r) + std::size_t(a)]);
        b.count[std::size_t(a)] = std::size_t(all[6 * std::size_t(r) + 3 + std::size_t(a)]);
      }
      p.boxes.push_back(b);
      for (int a = 0; a < 3; ++a) p.starts[std::size_t(a)].push_back(b.start[std::size_t(a)]);
    }
    for (auto& s : p.starts) {
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
    }
    p.rankAt.assign(p.starts[0].size() * p.starts[1].size() * p.starts[2].size(), -1);
    for (int r = 0; r < size; ++r) p.rankAt[p.slot(p.boxes[std::size_t(r)].start)] = r;
    p.offset.assign(std::size_t(size) + 1, 0);
    for (int r = 0; r < size; ++r) p.offset[std::size_t(r) + 1] = p.offset[std::size_t(r)] + PetscInt(p.boxes[std::size_t(r)].owned());
    return p;
  }
  std::size_t coordinate(int a, std::size_t c) const {
    const auto& s = starts[std::size_t(a)];
    return std::size_t(std::upper_bound(s.begin(), s.end(), c) - s.begin()) - 1;
  }
  std::size_t slot(const std::array<std::size_t, 3>& g) const {
    return (coordinate(0, g[0]) * starts[1].size() + coordinate(1, g[1])) * starts[2].size() + coordinate(2, g[2]);
  }
  int owner(const std::array<std::size_t, 3>& g) const { return rankAt[slot(g)]; }
  // The cell's index in its owner's ghosted layout, and its global number.
  std::size_t ghosted(int r, const std::array<std::size_t, 3>& g) const {
    const Box& b = boxes[std::size_t(r)];
    return b.at(long(g[0] - b.start[0]), long(g[1] - b.start[1]), long(g[2] - b.start[2]));
  }
  PetscInt global(const std::array<std::size_t, 3>& g) const {
    const int r = owner(g);
    const Box& b = boxes[std::size_t(r)];
    return offset[std::size_t(r)] +
           PetscInt(((g[0] - b.start[0]) * b.my() + (g[1] - b.start[1])) * b.mx() + (g[2] - b.start[2]));
  }
};

// The face ghosts of a box filled from their owners (other processes, or
// this one across a periodic side) by a PetscSF on the ghosted arrays.
class PetscHalo : public Halo {
 public:
  PetscHalo(const Box& box, const BoundaryConditions& conditions) {
    const Partition p = Partition::of(box);
    const std::array<long, 3> n{long(box.global.nz), long(box.global.ny), long(box.global.nx)};
    std::vector<PetscInt> leaves;
    std::vector<PetscSFNode> roots;
    for (long z = -1; z <= long(box.mz()); ++z)
      for (long y = -1; y <= long(box.my()); ++y)
        for (long x = -1; x <= long(box.mx()); ++x) {
          const std::array<long, 3> local{z, y, x};
          int outside = 0, axis = 0;
          for (int a = 0; a < 3; ++a)
            if (local[std::size_t(a)] < 0 || local[std::size_t(a)] >= long(box.count[std::size_t(a)])) {
              ++outside;
              axis = a;
            }
          if (outside != 1) continue;  // owned, or an edge or corner ghost the 7-point operator never reads
          std::array<std::size_t, 3> g{};
          bool beyond = false;
          for (int a = 0; a < 3; ++a) {
            long c = long(box.start[std::size_t(a)]) + local[std::size_t(a)];
            if (c < 0 || c >= n[std::size_t(a)]) {
              if (a != axis || !conditions.periodic(a)) beyond = true;
              c = core::wrap(c, n[std::size_t(a)]);
            }
            g[std::size_t(a)] = std::size_t(c);
          }
          if (beyond) continue;  // past a side that is not periodic: stays zero
          const int owner = p.owner(g);
          leaves.push_back(PetscInt(box.at(z, y, x)));
          roots.push_back({owner, PetscInt(p.ghosted(owner, g))});
        }
    check(PetscSFCreate(world(), sf_.out()), "PetscSFCreate");
    check(PetscSFSetGraph(sf_, PetscInt(box.size()), PetscInt(leaves.size()), leaves.data(), PETSC_COPY_VALUES,
                          roots.data(), PETSC_COPY_VALUES),
          "PetscSFSetGraph");
    check(PetscSFSetUp(sf_), "PetscSFSetUp");
  }
  void exchange(float* v) const override { bcast(MPI_FLOAT, v); }
  void exchange(double* v) const override { bcast(MPI_DOUBLE, v); }

 private:
  void bcast(MPI_Datatype unit, void* v) const {
    check(PetscSFBcastBegin(sf_, unit, v, v, MPI_REPLACE), "PetscSFBcastBegin");
    check(PetscSFBcastEnd(sf_, unit, v, v, MPI_REPLACE), "PetscSFBcastEnd");
  }
  petsc::SfHandle sf_;
};

class PetscHaloFactory : public HaloFactory {
 public:
  std::unique_ptr<Halo> make(const Box& box, const BoundaryConditions& conditions) const override {
    return std::make_unique<PetscHalo>(box, conditions);
  }
};

// Owned values between a ghosted field and a Vec (C order of the box).
template <typename T>
void toVec(const Box& b, const T* f, PetscScalar* v) {
  forSlabs(b.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < b.my(); ++y)
      std::copy_n(f + b.row(z, y), b.mx(), v + (z * b.my() + y) * b.mx());
  });
}
template <typename T>
void fromVec(const Box& b, const PetscScalar* v, T* f) {
  forSlabs(b.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < b.my(); ++y) {
      const PetscScalar* s = v + (z * b.my() + y) * b.mx();
      T* d = f + b.row(z, y);
      for (std::size_t k = 0; k < b.mx(); ++k) d[k] = T(s[k]);
    }
  });
}

// y = A x for the MatShell of a block operator (one component is a scalar operator).
struct ShellOperator {
  const BlockOperator* block = nullptr;
  const VoxelOperator* scalar = nullptr;
  const Halo* halo = nullptr;
  BlockVector in, out;
  std::string error;
  std::size_t components() const { return block ? block->components() : 1; }
  const Box& box() const { return block ? block->box() : scalar->box(); }
};

PetscErrorCode shellMult(Mat A, Vec x, Vec y) {
  ShellOperator* s = nullptr;
  PetscCall(MatShellGetContext(A, &s));
  return petsc::guarded(s->error, [&] {
    const Box& b = s->box();
    petsc::ConstVecArray xa(x);
    petsc::VecArray ya(y);
    for (std::size_t c = 0; c < s->components(); ++c) {
      fromVec(b, xa.data() + c * b.owned(), s->in[c].data());
      s->halo->exchange(s->in[c].data());
    }
    if (s->block) s->block->apply(s->in, s->out);
    else numerics::apply(*s->scalar, s->in[0].data(), s->out[0].data());
    for (std::size_t c = 0; c < s->components(); ++c) toVec(b, s->out[c].data(), ya.data() + c * b.owned());
  });
}

// z = M^-1 r for the PCShell: the multigrid cycle, per component.
struct ShellPreconditioner {
  std::vector<Multigrid*> mg;  // one per component
  Box box;
  Field<float> rf, zf;
  std::string error;
};

PetscErrorCode shellPrecondition(PC pc, Vec r, Vec z) {
  ShellPreconditioner* s = nullptr;
  PetscCall(PCShellGetContext(pc, &s));
  return petsc::guarded(s->error, [&] {
    petsc::ConstVecArray ra(r);
    petsc::VecArray za(z);
    for (std::size_t c = 0; c < s->mg.size(); ++c) {
      fromVec(s->box, ra.data() + c * s->box.owned(), s->rf.data());
      s->mg[c]->apply(s->rf.data(), s->zf.data());
      toVec(s->box, s->zf.data(), za.data() + c * s->box.owned());
    }
  });
}

// The operator assembled into AIJ (one component): identity rows for the
// cells outside the solve.
void assemble(const VoxelOperator& A, const Partition& p, Mat M) {
  const Box& b = A.box();
  const std::array<long, 3> n{long(b.global.nz), long(b.global.ny), long(b.global.nx)};
  const std::ptrdiff_t stride[3] = {std::ptrdiff_t(b.sz()), std::ptrdiff_t(b.sy()), 1};
  for (long z = 0; z < long(b.mz()); ++z)
    for (long y = 0; y < long(b.my()); ++y)
      for (long x = 0; x < long(b.mx()); ++x) {
        const std::array<std::size_t, 3> g{b.start[0] + std::size_t(z), b.start[1] + std::size_t(y), b.start[2] + std::size_t(x)};
        const std::ptrdiff_t i = std::ptrdiff_t(b.at(z, y, x));
        PetscInt cols[7];
        PetscScalar vals[7];
        int k = 0;
        double diag = A.hasCellTerm() ? double(A.cellTerm()[i]) : 0.0;
        for (int a = 0; a < 3; ++a)
          for (int dir : {-1, 1}) {
            const double gf = A.faces(a)[dir < 0 ? i - stride[a] : i];
            if (gf == 0.0) continue;
            diag += gf;
            long c = long(g[std::size_t(a)]) + dir;
            if (c < 0 || c >= n[std::size_t(a)]) {
              if (!A.periodic(a)) continue;  // a Dirichlet face: diagonal only
              c = core::wrap(c, n[std::size_t(a)]);
            }
            std::array<std::size_t, 3> nb = g;
            nb[std::size_t(a)] = std::size_t(c);
            cols[k] = p.global(nb);
            vals[k++] = -gf;
          }
        cols[k] = p.global(g);
        vals[k++] = diag != 0.0 ? diag : 1.0;  // a cell outside the solve: identity row, value 0
        check(MatSetValues(M, 1, &cols[k - 1], k, cols, vals, ADD_VALUES), "MatSetValues");
      }
  check(MatAssemblyBegin(M, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(M, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
}

KrylovResult result(KSP ksp, Vec b) {
  PetscInt its = 0;
  PetscReal rnorm = 0, bnorm = 0;
  KSPConvergedReason reason;
  check(KSPGetIterationNumber(ksp, &its), "KSPGetIterationNumber");
  check(KSPGetResidualNorm(ksp, &rnorm), "KSPGetResidualNorm");
  check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason");
  check(VecNorm(b, NORM_2, &bnorm), "VecNorm");
  KrylovResult r;
  r.iterations = int(its);
  r.relativeResidual = bnorm > 0 ? double(rnorm / bnorm) : 0.0;
  r.converged = reason > 0;
  return r;
}

void solveChecked(KSP ksp, Vec b, Vec x, const std::string& operatorError, const std::string& preconditionerError) {
  const PetscErrorCode e = KSPSolve(ksp, b, x);
  if (!operatorError.empty()) throw core::RuntimeFailure(operatorError);
  if (!preconditionerError.empty()) throw core::RuntimeFailure(preconditionerError);
  check(e, "KSPSolve");
}

}  // namespace

PetscSolver::PetscSolver(const std::string& method, const MultigridOptions& options)
    : method_(method), options_(options), halos_(std::make_unique<PetscHaloFactory>()) {
  if (method != "mg" && method != "hypre" && method != "gamg")
    throw core::InputError("solver petsc-" + method + ": unknown (petsc-mg, petsc-hypre, petsc-gamg)");
  MPI_Comm_rank(world(), &rank_);
  MPI_Comm_size(world(), &size_);
}

PetscSolver::~PetscSolver() = default;

std::vector<Box> PetscSolver::boxes(const Extent& fine) const {
  ProcessGrid grid;
  try {
    grid = chooseProcessGrid(fine, size_);
  } catch (const std::invalid_argument& e) {
    throw core::InputError(e.what());
  }
  return levelBoxes(levelExtents(fine, grid, method_ == "mg"), grid, rank_);
}

const HaloFactory& PetscSolver::halos() const { return *halos_; }

double PetscSolver::sum(double local) const {
  double total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, world());
  return total;
}

double PetscSolver::maximum(double local) const {
  double top = 0;
  MPI_Allreduce(&local, &top, 1, MPI_DOUBLE, MPI_MAX, world());
  return top;
}

std::vector<double> PetscSolver::gather(const Box& box, const Field<double>& x) const {
  const Partition p = Partition::of(box);
  std::vector<double> mine(box.owned());
  toVec(box, x.data(), mine.data());
  std::vector<int> counts(std::size_t(size_), 0), displs(std::size_t(size_), 0);
  for (int r = 0; r < size_; ++r) {
    counts[std::size_t(r)] = int(p.boxes[std::size_t(r)].owned());
    displs[std::size_t(r)] = int(p.offset[std::size_t(r)]);
  }
  std::vector<double> all(rank_ == 0 ? box.global.size() : 0), whole(rank_ == 0 ? box.global.size() : 0);
  MPI_Gatherv(mine.data(), int(mine.size()), MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE, 0, world());
  if (rank_ != 0) return {};
  const Extent& e = box.global;
  for (int r = 0; r < size_; ++r) {
    const Box& b = p.boxes[std::size_t(r)];
    const double* src = all.data() + p.offset[std::size_t(r)];
    for (std::size_t z = 0; z < b.mz(); ++z)
      for (std::size_t y = 0; y < b.my(); ++y)
        std::copy_n(src + (z * b.my() + y) * b.mx(), b.mx(),
                    whole.data() + ((b.start[0] + z) * e.ny + b.start[1] + y) * e.nx + b.start[2]);
  }
  return whole;
}

KrylovResult PetscSolver::solve(const VoxelOperator& A, const std::vector<Box>& boxes, Field<double>& b,
                                Field<double>& x, const KrylovOptions& o) {
  const Box& box = A.box();
  const PetscInt local = PetscInt(box.owned()), global = PetscInt(box.global.size());
  petsc::VecHandle xv, bv;
  check(VecCreateMPI(world(), local, global, xv.out()), "VecCreateMPI");
  check(VecDuplicate(xv, bv.out()), "VecDuplicate");
  {
    petsc::VecArray xa(xv), ba(bv);
    toVec(box, x.data(), xa.data());
    toVec(box, b.data(), ba.data());
  }
  petsc::MatHandle M;
  petsc::KspHandle ksp;
  ShellOperator shell;
  ShellPreconditioner pre;
  std::unique_ptr<Multigrid> mg;
  std::unique_ptr<Halo> halo;
  check(KSPCreate(world(), ksp.out()), "KSPCreate");
  PC pc;
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  if (method_ == "mg") {
    mg = std::make_unique<Multigrid>(A, boxes, *halos_, options_);
    shell.scalar = &A;
    shell.halo = &mg->halo(0);
    shell.in = makeBlockVector(box, 1);
    shell.out = makeBlockVector(box, 1);
    check(MatCreateShell(world(), local, local, global, global, &shell, M.out()), "MatCreateShell");
    check(MatShellSetOperation(M, MATOP_MULT, (void (*)(void))shellMult), "MatShellSetOperation");
    check(MatSetOption(M, MAT_SPD, PETSC_TRUE), "MatSetOption");
    pre.mg = {mg.get()};
    pre.box = box;
    pre.rf = makeField<float>(box);
    pre.zf = makeField<float>(box);
    check(PCSetType(pc, PCSHELL), "PCSetType shell");
    check(PCShellSetContext(pc, &pre), "PCShellSetContext");
    check(PCShellSetApply(pc, shellPrecondition), "PCShellSetApply");
    check(PCShellSetName(pc, "ssbvox multigrid (numerics/Multigrid.hpp)"), "PCShellSetName");
  } else {
    const Partition p = Partition::of(box);
    check(MatCreateAIJ(world(), local, local, global, global, 7, nullptr, 6, nullptr, M.out()), "MatCreateAIJ");
    assemble(A, p, M);
    check(MatSetOption(M, MAT_SPD, PETSC_TRUE), "MatSetOption");
    if (method_ == "hypre") {
      check(PCSetType(pc, PCHYPRE), "PCSetType hypre");
      check(PCHYPRESetType(pc, "boomeramg"), "PCHYPRESetType");
    } else {
      check(PCSetType(pc, PCGAMG), "PCSetType gamg");
    }
  }
  check(KSPSetOperators(ksp, M, M), "KSPSetOperators");
  check(KSPSetType(ksp, KSPCG), "KSPSetType");
  check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
  check(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE), "KSPSetInitialGuessNonzero");
  check(KSPSetTolerances(ksp, o.relativeTolerance, 1e-300, PETSC_DEFAULT, o.maxIterations), "KSPSetTolerances");
  check(KSPSetFromOptions(ksp), "KSPSetFromOptions");  // the user's -ksp_* win
  solveChecked(ksp, bv, xv, shell.error, pre.error);
  const KrylovResult r = result(ksp, bv);
  {
    petsc::ConstVecArray xa(xv);
    fromVec(box, xa.data(), x.data());
  }
  if (!mg) halo = halos_->make(box, A.conditions());
  (mg ? mg->halo(0) : *halo).exchange(x.data());
  return r;
}

KrylovResult PetscSolver::solve(const BlockOperator& A, const std::vector<Box>& boxes, const BlockVector& b,
                                BlockVector& x, const KrylovOptions& o) {
  if (method_ != "mg") throw core::InputError(name() + ": block systems need petsc-mg");
  const Box& box = A.box();
  const std::size_t nc = A.components();
  const PetscInt local = PetscInt(nc * box.owned()), global = PetscInt(nc * box.global.size());
  petsc::VecHandle xv, bv;
  check(VecCreateMPI(world(), local, global, xv.out()), "VecCreateMPI");
  check(VecDuplicate(xv, bv.out()), "VecDuplicate");
  {
    petsc::VecArray xa(xv), ba(bv);
    for (std::size_t c = 0; c < nc; ++c) {
      toVec(box, x[c].data(), xa.data() + c * box.owned());
      toVec(box, b[c].data(), ba.data() + c * box.owned());
    }
  }
  BlockMultigrid bmg(A, boxes, *halos_, options_);
  ShellOperator shell;
  shell.block = &A;
  shell.halo = &bmg.component(0).halo(0);
  shell.in = makeBlockVector(box, nc);
  shell.out = makeBlockVector(box, nc);
  ShellPreconditioner pre;
  for (std::size_t c = 0; c < nc; ++c) pre.mg.push_back(&bmg.component(c));
  pre.box = box;
  pre.rf = makeField<float>(box);
  pre.zf = makeField<float>(box);
  petsc::MatHandle M;
  petsc::KspHandle ksp;
  check(MatCreateShell(world(), local, local, global, global, &shell, M.out()), "MatCreateShell");
  check(MatShellSetOperation(M, MATOP_MULT, (void (*)(void))shellMult), "MatShellSetOperation");
  check(KSPCreate(world(), ksp.out()), "KSPCreate");
  PC pc;
  check(KSPGetPC(ksp, &pc), "KSPGetPC");
  check(PCSetType(pc, PCSHELL), "PCSetType shell");
  check(PCShellSetContext(pc, &pre), "PCShellSetContext");
  check(PCShellSetApply(pc, shellPrecondition), "PCShellSetApply");
  check(PCShellSetName(pc, "ssbvox block multigrid (numerics/BlockOperator.hpp)"), "PCShellSetName");
  check(KSPSetOperators(ksp, M, M), "KSPSetOperators");
  check(KSPSetType(ksp, KSPFGMRES), "KSPSetType");  // flexible: the cycle is single precision (numerics/Krylov.hpp)
  check(KSPGMRESSetRestart(ksp, o.restart), "KSPGMRESSetRestart");
  check(KSPSetPCSide(ksp, PC_RIGHT), "KSPSetPCSide");
  check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
  check(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE), "KSPSetInitialGuessNonzero");
  check(KSPSetTolerances(ksp, o.relativeTolerance, 1e-300, PETSC_DEFAULT, o.maxIterations), "KSPSetTolerances");
  check(KSPSetFromOptions(ksp), "KSPSetFromOptions");
  solveChecked(ksp, bv, xv, shell.error, pre.error);
  const KrylovResult r = result(ksp, bv);
  {
    petsc::ConstVecArray xa(xv);
    for (std::size_t c = 0; c < nc; ++c) {
      fromVec(box, xa.data() + c * box.owned(), x[c].data());
      shell.halo->exchange(x[c].data());
    }
  }
  return r;
}

}  // namespace ssb::parallel
