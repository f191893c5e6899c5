#include "echem/Discharge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/Error.hpp"
#include "core/Phase.hpp"
#include "core/Sides.hpp"
#include "echem/Kinetics.hpp"
#include "materials/Constants.hpp"

namespace ssb::echem {

using numerics::BlockVector;
using numerics::Box;
using numerics::Coupling;
using numerics::VoxelOperator;

namespace {

// What a cell of the box is; beyond the cell's z ends lie the anode and
// the collector.
enum Kind : std::uint8_t { None = 0, SE = 1, CAM = 2, Anode = 3, Collector = 4 };

constexpr std::size_t kE = DischargeModel::Electrolyte, kS = DischargeModel::Solid, kV = DischargeModel::Vacancy;

double harmonic(double a, double b) { return a + b > 0 ? 2 * a * b / (a + b) : 0.0; }
// d harmonic(a, b) / da
double harmonicSlope(double a, double b) { return a + b > 0 ? 2 * b * b / ((a + b) * (a + b)) : 0.0; }

}  // namespace

// One face between the cells a (below) and b (above) along an axis: the
// charge and the lithium (as F times the molar flux) that go from a to b,
// in A/m^2, and their derivatives.
struct DischargeModel::Face {
  double charge = 0, lithium = 0;
  double gPhi = 0;                 // d charge / d(phi_a - phi_b) (at the anode: -d charge / d phi_b)
  double dChargeDxA = 0, dChargeDxB = 0;
  double gX = 0;                   // d lithium / d(x_a - x_b) at fixed D (CAM-CAM)
  double dLithiumDxA = 0, dLithiumDxB = 0;  // the rest of d lithium / dx (D's dependence on x)
  bool interface = false, collector = false, campair = false;
  int camSide = 0;                 // at an interface: 1 if a is the CAM cell, 2 if b is
};

DischargeModel::DischargeModel(const CellGeometry& cell, const DischargeParameters& p, numerics::Solver& solver)
    : cell_(cell), p_(p), solver_(solver) {
  const core::Shape& s = cell.phase.shape();
  if (cell.separatorSlices == 0 || cell.separatorSlices >= s.nz)
    throw core::InputError("the cell needs a separator of at least one slice and a cathode behind it");
  boxes_ = solver.boxes({s.nz, s.ny, s.nx});
  box_ = boxes_.front();
  if (box_.size() > std::numeric_limits<std::uint32_t>::max())  // numerics::Coupling's cell indices
    throw core::InputError("the cell " + s.str() + " is too large for one process: run it on several (mpirun -n N)");
  using numerics::Boundary;
  potentialSides_.side = {{{Boundary::Dirichlet, Boundary::Dirichlet}, {Boundary::Periodic, Boundary::Periodic},
                           {Boundary::Periodic, Boundary::Periodic}}};
  lithiationSides_.side = {{{Boundary::Insulated, Boundary::Insulated}, {Boundary::Periodic, Boundary::Periodic},
                            {Boundary::Periodic, Boundary::Periodic}}};
  halo_ = solver.halos().make(box_, potentialSides_);
  // SI values of the parameters.
  h_ = cell.phase.voxelSize_m();
  f_ = materials::kFaraday / (materials::kGasConstant * p.temperature_K);
  kappa_ = p.se.conductivity_S_per_cm * 100.0;
  ce_ = p.se.concentration_mol_per_cm3 * 1e6;
  cmax_ = p.cam.maxConcentration_mol_per_cm3 * 1e6;
  x0_ = p.cam.initialLithiation();
  i00_ = p.cam.i00_A_cm2p5_per_mol1p5 * 1e-5;  // A cm^2.5 mol^-1.5 -> A m^2.5 mol^-1.5
  alpha_ = p.cam.transferCoefficient;
  anodeI0_ = p.anode.exchangeCurrent_A_per_cm2 * 1e4;
  anodeAlpha_ = p.anode.transferCoefficient;
  gbI0_ = p.gbExchangeCurrent_A_per_m2 / p.gbResistanceFactor;
  current_ = p.current_A_per_m2;
  if (!cell.separatorSliceThickness_m.empty() && cell.separatorSliceThickness_m.size() != cell.separatorSlices)
    throw core::InputError("the separator's slice thicknesses do not match its slices");
  thickness_.assign(box_.mz() + 2, h_);
  for (std::size_t zz = 0; zz < box_.mz() + 2; ++zz) {
    const long gz = long(box_.start[0]) + long(zz) - 1;
    if (gz >= 0 && std::size_t(gz) < cell.separatorSliceThickness_m.size())
      thickness_[zz] = cell.separatorSliceThickness_m[std::size_t(gz)];
  }
  // What every cell of the box (ghosts included) is.
  kind_.resize(box_.size());
  id_.resize(box_.size());
  const long nz = long(s.nz), ny = long(s.ny), nx = long(s.nx);
  numerics::forSlabs(box_.mz() + 2, [&](std::size_t zz) {
    const long z = long(zz) - 1, gz = long(box_.start[0]) + z;
    for (long y = -1; y <= long(box_.my()); ++y)
      for (long x = -1; x <= long(box_.mx()); ++x) {
        const std::size_t i = box_.at(z, y, x);
        id_[i] = 0;
        if (gz < 0) { kind_[i] = Anode; continue; }
        if (gz >= nz) { kind_[i] = Collector; continue; }
        const std::size_t gy = std::size_t(core::wrap(long(box_.start[1]) + y, ny)),
                          gx = std::size_t(core::wrap(long(box_.start[2]) + x, nx));
        const std::uint8_t ph = cell.phase(std::size_t(gz), gy, gx);
        kind_[i] = ph == core::kSE ? SE : ph == core::kCAM ? CAM : None;
        id_[i] = cell.materialId(std::size_t(gz), gy, gx);
      }
  });
  // Counts over every process: each face once, by the process owning its lower cell.
  double interfaces = 0, cams = 0, gbs = 0;
  const std::array<std::size_t, 3> stride{box_.sz(), box_.sy(), 1};
  for (std::size_t z = 0; z < box_.mz(); ++z)
    for (std::size_t y = 0; y < box_.my(); ++y)
      for (std::size_t i = box_.row(z, y); i < box_.row(z, y) + box_.mx(); ++i) {
        cams += kind_[i] == CAM;
        for (int a = 0; a < 3; ++a) {
          if (a > 0 && box_.global.along(a) == 1) continue;  // a cell is no neighbour of itself
          const std::size_t j = i + stride[std::size_t(a)];
          interfaces += (kind_[i] == SE && kind_[j] == CAM) || (kind_[i] == CAM && kind_[j] == SE);
          gbs += kind_[i] == SE && kind_[j] == SE && grainBoundary(i, j);
        }
      }
  interfaceFaces_ = std::uint64_t(std::llround(solver.sum(interfaces)));
  camVoxels_ = std::uint64_t(std::llround(solver.sum(cams)));
  gbFaces_ = std::uint64_t(std::llround(solver.sum(gbs)));
}

DischargeModel::~DischargeModel() = default;

double DischargeModel::sigma(double x) const { return p_.cam.conductivityAt_S_per_cm(x) * 100.0; }
double DischargeModel::sigmaSlope(double x) const { return p_.cam.conductivityDerivative_S_per_cm(x) * 100.0; }
double DischargeModel::diffusivity(double x) const { return p_.cam.diffusivityAt_cm2_per_s(x) * 1e-4; }
double DischargeModel::diffusivitySlope(double x) const { return p_.cam.diffusivityDerivative_cm2_per_s(x) * 1e-4; }

bool DischargeModel::active(std::size_t component, std::size_t cell) const {
  return component == kE ? kind_[cell] == SE : kind_[cell] == CAM;
}

std::size_t DischargeModel::potentialOf(std::size_t cell) const { return kind_[cell] == CAM ? kS : kE; }

bool DischargeModel::grainBoundary(std::size_t a, std::size_t b) const {
  if (!(gbI0_ > 0)) return false;
  const std::uint8_t ia = id_[a], ib = id_[b];
  if (ia == ib) return false;
  return (ia && ib) || p_.separatorGrainBoundary;  // id 0: the separator (or SE without grains)
}

double DischargeModel::rateCoefficient(std::size_t) const { return materials::kFaraday * cmax_ * h_; }

double DischargeModel::newtonTolerance() const {
  const double reference = std::max(std::abs(current_), 10.0);  // at open circuit: as for 1 mA/cm^2
  return 1e-9 * reference * double(box_.global.ny * box_.global.nx);
}

double DischargeModel::geometricArea_m2() const {
  return double(box_.global.ny * box_.global.nx) * h_ * h_;
}

DischargeModel::Face DischargeModel::evaluate(std::size_t a, std::size_t b, const BlockVector& u, double s,
                                               bool derivatives) const {
  Face face;
  const std::uint8_t ka = kind_[a], kb = kind_[b];
  const double phiA = u[potentialOf(a)][a], phiB = u[potentialOf(b)][b];
  if (ka == Anode && kb == SE) {
    // Li leaves the metal (phi_Li = 0, U0 = 0) into the separator: eta = -phi_e(face).
    const ButlerVolmer law{anodeI0_, anodeAlpha_, f_};
    const SeriesFace sf = solveSeries(law, -phiB, thickness(b) / (2 * kappa_));
    face.charge = sf.current;
    face.gPhi = sf.slope;  // the current falls as phi_b rises
    return face;
  }
  const CamProperties& pr = props_;
  if (ka == CAM && kb == Collector) {
    const double sg = pr.sigma[a];
    face.collector = true;
    face.charge = 2 * sg / h_ * phiA;  // the collector's own potential is s: psi = 0 there
    face.gPhi = 2 * sg / h_;
    if (derivatives) face.dChargeDxA = 2 * pr.sigmaSlope[a] / h_ * phiA;
    return face;
  }
  if (ka == SE && kb == SE) {
    if (grainBoundary(a, b)) {
      const GrainBoundaryLaw law{gbI0_, f_};
      const SeriesFace sf = solveSeries(law, phiA - phiB, h_ / kappa_);
      face.charge = sf.current;
      face.gPhi = sf.slope;
    } else {
      // Along z the two slices' half thicknesses in series; across a slice
      // (a and b in one slice) its lateral face is thickness x h, per h^2.
      const double ta = thickness(a), tb = thickness(b);
      face.gPhi = b - a >= box_.sz() ? 2 * kappa_ / (ta + tb) : kappa_ / h_ * (ta / h_);
      face.charge = face.gPhi * (phiA - phiB);
    }
    return face;
  }
  if (ka == CAM && kb == CAM) {
    face.campair = true;
    const double xa = 1 - u[kV][a], xb = 1 - u[kV][b];
    const double sa = pr.sigma[a], sb = pr.sigma[b], sf = harmonic(sa, sb);
    face.gPhi = sf / h_;
    face.charge = face.gPhi * (phiA - phiB);
    const double da = pr.diffusivity[a], db = pr.diffusivity[b], df = harmonic(da, db);
    face.gX = materials::kFaraday * cmax_ * df / h_;
    face.lithium = face.gX * (xa - xb);
    if (derivatives) {
      face.dChargeDxA = harmonicSlope(sa, sb) * pr.sigmaSlope[a] / h_ * (phiA - phiB);
      face.dChargeDxB = harmonicSlope(sb, sa) * pr.sigmaSlope[b] / h_ * (phiA - phiB);
      const double scale = materials::kFaraday * cmax_ / h_ * (xa - xb);
      face.dLithiumDxA = scale * harmonicSlope(da, db) * pr.diffusivitySlope[a];
      face.dLithiumDxB = scale * harmonicSlope(db, da) * pr.diffusivitySlope[b];
    }
    return face;
  }
  const bool camBelow = ka == CAM && kb == SE, camAbove = ka == SE && kb == CAM;
  if (camBelow || camAbove) {
    // The SE-CAM interface: i from the CAM cell's solid to the SE cell.
    face.interface = true;
    face.camSide = camBelow ? 1 : 2;
    const std::size_t c = camBelow ? a : b;
    const double v = u[kV][c], phiE = camBelow ? phiB : phiA;
    const double phiS = s + (camBelow ? phiA : phiB);  // psi + s
    const double vv = std::clamp(v, 0.0, 1.0), xx = 1 - vv;
    const double sg = pr.sigma[c], r = h_ / (2 * kappa_) + h_ / (2 * sg);
    if (p_.surfaceExtrapolation) {
      // The surface's Li fraction from the voxel's and the face's flux
      // through half a voxel (Kinetics.hpp, solveSurface).
      const double k = h_ / (2 * materials::kFaraday * pr.diffusivity[c] * cmax_);
      const auto ocv = [&](double x, double& value, double& slope) {
        value = openCircuitVoltage(x);
        slope = p_.cam.openCircuitVoltage_V.derivative(x);
      };
      const SurfaceFace sf = solveSurface(i00_ * std::sqrt(ce_) * cmax_, alpha_, f_, ocv, phiS - phiE, v, r, k,
                                          p_.jacobianRegularisation);
      face.charge = camBelow ? sf.current : -sf.current;
      face.lithium = face.charge;
      face.gPhi = sf.dDrive;
      if (derivatives) {
        // x moves v, k (through D(x)) and r (through sigma(x)).
        const double dkdv = k * pr.diffusivitySlope[c] / pr.diffusivity[c];
        const double drdv = h_ * pr.sigmaSlope[c] / (2 * sg * sg);
        const double didx = -(sf.dVacancy + sf.dK * dkdv + sf.dR * drdv);
        if (camBelow) face.dChargeDxA = didx;
        else face.dChargeDxB = -didx;
      }
      return face;
    }
    const double i0 = i00_ * std::sqrt(ce_) * cmax_ * std::sqrt(xx * vv);  // no floor: saturated faces carry nothing
    const ButlerVolmer law{i0, alpha_, f_};
    const double d = phiS - phiE - pr.ocv[c];
    const SeriesFace sf = solveSeries(law, d, r);
    face.charge = camBelow ? sf.current : -sf.current;
    face.lithium = face.charge;  // only the CAM cell's Li row takes it
    face.gPhi = sf.slope;
    if (derivatives) {
      // di/dx of the implicit face law: i = i0(x) B(d(x) - i r(x)).
      const double g = sf.lawSlope, eta = d - r * sf.current;
      const double shape = detail::safeExp(alpha_ * f_ * eta) - detail::safeExp(-(1 - alpha_) * f_ * eta);
      // Beyond [0, 1] the residual's i0 is clamped (constant); inside, the
      // square root's slope is floored only here, near the ends.
      const double root = std::sqrt(std::max(xx * vv, p_.jacobianRegularisation));
      const double i0Slope = v > 0 && v < 1 ? i00_ * std::sqrt(ce_) * cmax_ * (vv - xx) / (2 * root) : 0.0;
      const double rSlope = -h_ * pr.sigmaSlope[c] / (2 * sg * sg);
      const double dUdx = pr.ocvSlope[c];
      const double didx = (g * (-dUdx - sf.current * rSlope) + shape * i0Slope) / (1 + g * r);
      if (camBelow) face.dChargeDxA = didx;
      else face.dChargeDxB = -didx;
    }
    return face;
  }
  return face;  // pores, SE at the collector, the anode beside a pore: nothing flows
}

void DischargeModel::updateProperties(const BlockVector& u, bool derivatives) {
  const std::size_t n = box_.size(), sz = box_.sz();
  CamProperties& pr = props_;
  for (auto* v : {&pr.sigma, &pr.diffusivity, &pr.ocv}) v->resize(n);
  if (derivatives)
    for (auto* v : {&pr.sigmaSlope, &pr.diffusivitySlope, &pr.ocvSlope}) v->resize(n);
  numerics::forSlabs(box_.mz() + 2, [&](std::size_t zz) {
    for (std::size_t i = zz * sz; i < (zz + 1) * sz; ++i) {
      if (kind_[i] != CAM) continue;
      const double x = 1 - u[kV][i];
      pr.sigma[i] = sigma(x);
      pr.diffusivity[i] = diffusivity(x);
      pr.ocv[i] = openCircuitVoltage(x);
      if (derivatives) {
        pr.sigmaSlope[i] = sigmaSlope(x);
        pr.diffusivitySlope[i] = diffusivitySlope(x);
        pr.ocvSlope[i] = p_.cam.openCircuitVoltage_V.derivative(x);
      }
    }
  });
}

void DischargeModel::residual(double, const BlockVector& u, const BlockVector& udot, double s, BlockVector& F,
                              double& G) {
  const Box& b = box_;
  const std::array<std::size_t, 3> stride{b.sz(), b.sy(), 1};
  const double storage = materials::kFaraday * cmax_ * h_;  // the Li row's capacity term, A s/m^2
  const bool lastSlab = b.start[0] + b.mz() == b.global.nz;
  updateProperties(u, false);
  // Every face once: the face below cell i along each axis, for the owned
  // cells and the first ghost layer above them (the owned cells' upper faces).
  for (int a = 0; a < 3; ++a) {
    faceCharge_[std::size_t(a)].resize(b.size());
    faceLithium_[std::size_t(a)].resize(b.size());
  }
  const double collected = numerics::sumSlabs(b.mz() + 1, [&](std::size_t z) {
    double out = 0;
    for (std::size_t y = 0; y <= b.my(); ++y)
      for (std::size_t x = 0; x <= b.mx(); ++x) {
        const std::size_t i = b.at(long(z), long(y), long(x));
        const bool ownZ = z < b.mz(), ownY = y < b.my(), ownX = x < b.mx();
        // The face below i along an axis borders an owned cell when i is
        // owned, or when i lies just above the owned box along that axis only.
        const bool need[3] = {ownY && ownX, ownZ && ownX, ownZ && ownY};
        for (int a = 0; a < 3; ++a) {
          if (!need[a]) continue;
          const Face face = evaluate(i - stride[std::size_t(a)], i, u, s, false);
          faceCharge_[std::size_t(a)][i] = face.charge;
          faceLithium_[std::size_t(a)][i] = face.lithium;
          if (a == 0 && face.collector && lastSlab && z == b.mz()) out += face.charge;
        }
      }
    return out;
  });
  numerics::forSlabs(b.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < b.my(); ++y)
      for (std::size_t i = b.row(z, y); i < b.row(z, y) + b.mx(); ++i) {
        const std::uint8_t k = kind_[i];
        if (k == None) {
          F[kE][i] = u[kE][i];
          F[kS][i] = u[kS][i];
          F[kV][i] = u[kV][i];
          continue;
        }
        double charge = 0, lithium = 0;
        for (int a = 0; a < 3; ++a) {
          const std::size_t st = stride[std::size_t(a)];
          const auto& fc = faceCharge_[std::size_t(a)];
          const auto& fl = faceLithium_[std::size_t(a)];
          charge += fc[i + st] - fc[i];
          lithium += fl[i + st] - fl[i];
        }
        // The cell's charge balance in its phase's component, identity in the other.
        const std::size_t own = k == CAM ? kS : kE, other = k == CAM ? kE : kS;
        F[own][i] = charge;
        F[other][i] = u[other][i];
        // The vacancies' balance: c_max h^3 dv/dt = (the Li that enters) / F, per h^2 and times F.
        F[kV][i] = k == CAM ? storage * udot[kV][i] - lithium : u[kV][i];
      }
  });
  G = solver_.sum(collected) / double(b.global.ny * b.global.nx) - current_;
}

void DischargeModel::jacobian(double, const BlockVector& u, double s, double shift, numerics::BorderedOperator& J) {
  const Box& b = box_;
  updateProperties(u, true);
  J = {};  // the last Jacobian's couplings freed before this one's are built
  // Exact faces: the potentials' conductances span from the CAM's bulk
  // (sigma / h, 1e9 S/m^2) to its interfaces (i0 f, 1e1 S/m^2).
  VoxelOperator elec(b, potentialSides_, true, true), solid(b, potentialSides_, true, true),
      lith(b, lithiationSides_, true, true);
  const std::array<std::size_t, 3> stride{b.sz(), b.sy(), 1};
  const long mz = long(b.mz()), my = long(b.my()), mx = long(b.mx());
  auto owned = [&](long z, long y, long x) { return z >= 0 && y >= 0 && x >= 0 && z < mz && y < my && x < mx; };
  J.column = numerics::makeBlockVector(b, 3);
  J.row = numerics::makeBlockVector(b, 3);
  const double area = double(b.global.ny * b.global.nx);
  // Per ghosted slab zz: the couplings whose row lies in it and those whose
  // row lies in the next (a z face's upper cell), so that the operator can
  // add them slab by slab (BlockOperator::indexCouplingsBySlab).
  std::vector<std::vector<Coupling>> here(b.mz() + 2), above(b.mz() + 2);
  struct BorderEntry {
    std::size_t component, cell;
    double value;
  };
  std::vector<std::vector<BorderEntry>> borders(b.mz() + 2);  // dF/ds, per slab (a face touches two slabs)
  numerics::forSlabs(b.mz() + 2, [&](std::size_t zz) {
    const long z = long(zz) - 1;
    auto& border = borders[zz];
    auto couple = [&](std::size_t rowC, std::size_t row, std::size_t colC, std::size_t col, double v) {
      if (v == 0.0) return;
      (row / b.sz() == zz ? here[zz] : above[zz])
          .push_back({std::uint32_t(row), std::uint32_t(col), std::uint16_t(rowC), std::uint16_t(colC), v});
    };
    for (long y = -1; y <= my; ++y)
      for (long x = -1; x <= mx; ++x) {
        const std::size_t i = b.at(z, y, x);
        const bool inZ = z >= 0 && z < mz, inY = y >= 0 && y < my, inX = x >= 0 && x < mx;
        const bool isFace[3] = {inY && inX && (inZ || z == -1), inZ && inX && (inY || y == -1),
                                inZ && inY && (inX || x == -1)};
        for (int a = 0; a < 3; ++a) {
          elec.setFace(a, i, 0.0);
          solid.setFace(a, i, 0.0);
          lith.setFace(a, i, 0.0);
          if (!isFace[a] || (a > 0 && b.global.along(a) == 1)) continue;
          const std::size_t j = i + stride[std::size_t(a)];
          const Face f = evaluate(i, j, u, s, true);
          const std::size_t pa = potentialOf(i), pb = potentialOf(j);
          const long zb = z + (a == 0), yb = y + (a == 1), xb = x + (a == 2);
          const bool ownA = owned(z, y, x), ownB = owned(zb, yb, xb);
          lith.setFace(a, i, f.gX);
          if (f.interface) {
            // Across the phases: the face's conductance as couplings between
            // the two components (the charge a -> b is g (phi_a - phi_b)).
            if (ownA) {
              couple(pa, i, pa, i, f.gPhi);
              couple(pa, i, pb, j, -f.gPhi);
            }
            if (ownB) {
              couple(pb, j, pb, j, f.gPhi);
              couple(pb, j, pa, i, -f.gPhi);
            }
          } else {
            // Within a phase, or to the anode or collector beyond the ends.
            (kind_[i] == CAM || kind_[j] == CAM ? solid : elec).setFace(a, i, f.gPhi);
          }
          // The potentials' dependence on x (sigma(x), the interface law).
          if (ownA) {
            couple(pa, i, kV, i, -f.dChargeDxA);
            couple(pa, i, kV, j, -f.dChargeDxB);
          }
          if (ownB) {
            couple(pb, j, kV, i, f.dChargeDxA);
            couple(pb, j, kV, j, f.dChargeDxB);
          }
          if (f.interface) {
            // The CAM cell's vacancy row takes the interface current; s
            // enters the face as the CAM cell's psi does (phi_s = s + psi).
            const std::size_t cam = f.camSide == 1 ? i : j, se = f.camSide == 1 ? j : i;
            const bool ownCam = f.camSide == 1 ? ownA : ownB, ownSe = f.camSide == 1 ? ownB : ownA;
            if (ownCam) {
              couple(kV, cam, kS, cam, -f.gPhi);
              couple(kV, cam, kE, se, f.gPhi);
              couple(kV, cam, kV, cam, f.camSide == 1 ? f.dChargeDxA : -f.dChargeDxB);
              border.push_back({kS, cam, f.gPhi});
              border.push_back({kV, cam, -f.gPhi});
            }
            if (ownSe) border.push_back({kE, se, -f.gPhi});
          }
          if (f.campair) {  // D's dependence on x
            if (ownA) {
              couple(kV, i, kV, i, f.dLithiumDxA);
              couple(kV, i, kV, j, f.dLithiumDxB);
            }
            if (ownB) {
              couple(kV, j, kV, i, -f.dLithiumDxA);
              couple(kV, j, kV, j, -f.dLithiumDxB);
            }
          }
          if (f.collector && ownA) {  // the current equation's row (psi and sigma(x) at the collector)
            J.row[kS][i] = f.gPhi / area;
            J.row[kV][i] = -f.dChargeDxA / area;
          }
        }
      }
  });
  const double storage = materials::kFaraday * cmax_ * h_;
  numerics::forSlabs(b.mz(), [&](std::size_t z) {
    for (std::size_t y = 0; y < b.my(); ++y)
      for (std::size_t i = b.row(z, y); i < b.row(z, y) + b.mx(); ++i) {
        elec.cellTerm()[i] = kind_[i] == SE ? 0.0f : 1.0f;  // identity rows off each phase
        solid.cellTerm()[i] = kind_[i] == CAM ? 0.0f : 1.0f;
        lith.cellTerm()[i] = kind_[i] == CAM ? float(storage * shift) : 1.0f;
      }
  });
  elec.finish();
  solid.finish();
  lith.finish();
  for (const auto& part : borders)
    for (const BorderEntry& e : part) J.column[e.component][e.cell] += e.value;
  J.corner = 0.0;  // G depends on s only through the fields
  std::vector<VoxelOperator> parts;
  parts.push_back(std::move(elec));
  parts.push_back(std::move(solid));
  parts.push_back(std::move(lith));
  J.A = numerics::BlockOperator(std::move(parts));
  std::size_t total = 0;
  for (std::size_t zz = 0; zz < b.mz() + 2; ++zz) total += here[zz].size() + above[zz].size();
  auto& all = J.A.couplings();
  all.reserve(total);
  std::vector<std::size_t> start{0};
  for (std::size_t z = 0; z < b.mz(); ++z) {  // owned slab z is ghosted slab z + 1
    for (auto* list : {&above[z], &here[z + 1]}) {  // each row's couplings in the order of the faces
      all.insert(all.end(), list->begin(), list->end());
      std::vector<Coupling>().swap(*list);  // each list freed as soon as it is copied
    }
    start.push_back(all.size());
  }
  J.A.indexCouplingsBySlab(std::move(start));
}

void DischargeModel::initialState(BlockVector& u, double& s) const {
  const double u0 = openCircuitVoltage(x0_);
  const std::size_t n = box_.size();
  for (std::size_t i = 0; i < n; ++i) {
    u[kE][i] = 0.0;  // phi_e = 0
    u[kS][i] = 0.0;  // phi_s = s + 0
    u[kV][i] = kind_[i] == CAM ? 1 - x0_ : 0.0;
  }
  s = u0;
}

double DischargeModel::lithium_mol(const BlockVector& u) const {
  const double local = numerics::sumSlabs(box_.mz(), [&](std::size_t z) {
    double acc = 0;
    for (std::size_t y = 0; y < box_.my(); ++y)
      for (std::size_t i = box_.row(z, y); i < box_.row(z, y) + box_.mx(); ++i)
        if (kind_[i] == CAM) acc += 1 - u[kV][i];
    return acc;
  });
  return solver_.sum(local) * cmax_ * h_ * h_ * h_;
}

double DischargeModel::lithiumAtFull_mol() const {
  return double(camVoxels_) * cmax_ * h_ * h_ * h_;
}

double DischargeModel::maxLithiation(const BlockVector& u) const {
  double top = 0;
  for (std::size_t z = 0; z < box_.mz(); ++z)
    for (std::size_t y = 0; y < box_.my(); ++y)
      for (std::size_t i = box_.row(z, y); i < box_.row(z, y) + box_.mx(); ++i)
        if (kind_[i] == CAM) top = std::max(top, 1 - u[kV][i]);
  return solver_.maximum(top);
}

std::vector<double> DischargeModel::gatherLithiation(const BlockVector& u) const {
  numerics::Field<double> x = numerics::makeField<double>(box_);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = kind_[i] == CAM ? 1 - u[kV][i] : 0.0;
  return solver_.gather(box_, x);
}

}  // namespace ssb::echem
