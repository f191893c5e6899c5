#pragma once
// The structure-resolved discharge of a Li-metal | dense SE separator |
// composite cathode | collector cell (docs/model.md, "discharge"; the
// reference study's electrochemistry), on the voxels of the cell, as an
// implicit system for numerics::TimeIntegrator:
//
//  - unknowns: the potential in every SE voxel (phi_e) and CAM voxel
//    (psi = phi_s - s, the solid's potential relative to the collector's:
//    phi_s itself, near 4 V, would leave sigma/h dphi a rounding noise of
//    1e-5 A/m^2 per row), the fraction of empty Li sites v = 1 - x = 1 - c / c_max in
//    every CAM voxel, and the collector potential s (the cell voltage:
//    phi_Li = 0). v rather than x: a discharge ends as CAM surfaces fill,
//    with i0 ~ sqrt(1 - x) and 1 - x down to 1e-10 and below, which x
//    itself would hold to a few digits only;
//  - SE: div(kappa grad phi_e) = 0; between SE grains of different
//    material ids the grain-boundary law (Eq. 1) in series with the two
//    half voxels;
//  - CAM: c_max dx/dt = div(D(x) c_max grad x), div(sigma(x) grad phi_s) = 0,
//    faces with the harmonic mean of the two cells' D and sigma;
//  - SE-CAM faces: Butler-Volmer, i = i0 [exp(alpha f eta) - exp(-(1 -
//    alpha) f eta)], eta = phi_s - phi_e - U0(x) - i r with r the two half
//    voxels' resistance, i0 = i00 c_e^0.5 c^0.5 (c_max - c)^0.5 (no floor:
//    a saturated face carries no current); i > 0 takes Li out of the CAM
//    voxel (-i/F of Li per area) and is the charge going from phi_s to
//    phi_e;
//  - anode (the separator's z = 0 face): Butler-Volmer with U0 = 0 at
//    phi_Li = 0, in series with half a voxel of SE;
//  - collector (the last slice's far face): phi_s = s there, half a voxel
//    from the CAM cell centres; the applied current I (per geometric area)
//    leaves through it: the equation of s;
//  - lateral sides periodic; pore faces, SE at the collector and CAM at the
//    separator side carry nothing but what the laws above say.
//
// Rows are scaled to current densities (A/m^2): the charge balance of a
// cell over its face area h^2, the vacancy balance times F / h^2. Cells
// outside the model (pores) and v of non-CAM cells are identity rows.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/Grid.hpp"
#include "materials/Material.hpp"
#include "numerics/Implicit.hpp"
#include "numerics/Solver.hpp"

namespace ssb::echem {

struct DischargeParameters {
  materials::Material cam, se, anode;
  double current_A_per_m2 = 10.0;  // applied, per geometric area (1 mA/cm^2)
  double temperature_K = 298.15;
  double gbExchangeCurrent_A_per_m2 = 0.0;  // i_GB0; 0: no grain boundaries
  // Calibration (docs/validation.md, "grain boundaries against Fig. 4a"):
  // GB faces follow Eq. 1 with i_GB0 / factor, i.e. resist factor x R_GB.
  double gbResistanceFactor = 1.0;
  bool separatorGrainBoundary = false;      // the separator's contact with cathode SE grains is a GB too
  // Floor of x (1 - x) in the derivative of i0 (the residual uses the exact
  // square root; only Newton's Jacobian is regularised near x = 0 and 1).
  double jacobianRegularisation = 1e-24;
  // The sub-voxel surface (MODEL.md "Resolution", docs/model.md): SE-CAM
  // faces take the surface's Li fraction, extrapolated from the voxel's
  // with the face's own flux through half a voxel (solveSurface), rather
  // than the voxel's (the reference study's scheme, the default).
  bool surfaceExtrapolation = false;
};

// The cell on the simulation's grid: `separatorSlices` slices of dense SE
// (material id 0) at z = 0, then the cathode; phase codes of core/Phase.hpp.
// The separator's slices may be thicker than the voxels (a graded grid:
// far from the cathode the separator's potential is one-dimensional, and a
// few thick slices carry it as well as many thin ones):
// `separatorSliceThickness_m[z]` for z < separatorSlices, anode first;
// empty: every slice one voxel thick.
struct CellGeometry {
  core::Grid<std::uint8_t> phase, materialId;
  std::size_t separatorSlices = 0;
  std::vector<double> separatorSliceThickness_m;
};

class DischargeModel : public numerics::ImplicitSystem {
 public:
  // One component per unknown and phase: the multigrid then coarsens each
  // phase's potential on its own (a coarse cell merging SE and CAM would
  // short-circuit the interfaces' resistance, i0 f ~ 1e1 S/m^2 against
  // sigma/h ~ 1e9 S/m^2, and lose the modes that set the interfaces' drop).
  // A cell outside a component's phase has an identity row there.
  enum Component : std::size_t { Electrolyte = 0, Solid = 1, Vacancy = 2 };

  // The geometry and parameters must outlive the model; `solver` gives the
  // boxes, halos and sums (one process or several).
  DischargeModel(const CellGeometry& cell, const DischargeParameters& parameters, numerics::Solver& solver);
  ~DischargeModel() override;

  // numerics::ImplicitSystem
  std::size_t components() const override { return 3; }
  const std::vector<numerics::Box>& boxes() const override { return boxes_; }
  const numerics::Halo& halo() const override { return *halo_; }
  const numerics::HaloFactory& halos() const override { return solver_.halos(); }
  bool differential(std::size_t component) const override { return component == Vacancy; }
  // phi_e in the SE, psi and v in the CAM; elsewhere identity rows.
  bool active(std::size_t component, std::size_t cell) const override;
  // v stays within [0, 1]: near v = 0 the exchange current falls as
  // sqrt(v), whose slope Newton cannot follow past the bound.
  bool bounds(std::size_t component, double& lower, double& upper) const override {
    lower = 0.0;
    upper = 1.0;
    return component == Vacancy;
  }
  double rateCoefficient(std::size_t) const override;  // F c_max h: the Li row's storage, A s/m^2
  void residual(double t, const numerics::BlockVector& u, const numerics::BlockVector& udot, double s,
                numerics::BlockVector& F, double& G) override;
  void jacobian(double t, const numerics::BlockVector& u, double s, double shift,
                numerics::BorderedOperator& J) override;
  double sum(double local) const override { return solver_.sum(local); }
  double maximum(double local) const override { return solver_.maximum(local); }

  // The state at the start of discharge: x = x0 (v = 1 - x0) in the CAM, the potentials
  // guessed (0 in the SE, U0(x0) in the CAM and at the collector).
  void initialState(numerics::BlockVector& u, double& s) const;
  // The absolute tolerance of Newton's method on ||F||_2 (A/m^2): 1e-9 of
  // the cell's total current per unit face area, I nx ny. The rows' errors
  // sum (at worst sqrt(rows) ||F||) into the step's charge and Li balance,
  // which must hold to 1e-6 of I; the rounding floor of ||F|| is far lower
  // (potentials in the CAM are kept relative to s, so that sigma/h ~ 1e9
  // S/m^2 multiplies differences of small numbers).
  double newtonTolerance() const;
  // With no current (--current 0), for the open-circuit check.
  double appliedCurrent_A_per_m2() const { return current_; }
  // Changes the applied current (the start's continuation from open circuit).
  void setAppliedCurrent(double A_per_m2) { current_ = A_per_m2; }

  // Over all processes:
  std::uint64_t interfaceFaces() const { return interfaceFaces_; }  // SE-CAM faces (the separator's included)
  std::uint64_t camVoxels() const { return camVoxels_; }
  std::uint64_t gbFaces() const { return gbFaces_; }
  double geometricArea_m2() const;
  double lithium_mol(const numerics::BlockVector& u) const;     // Li in the CAM
  double lithiumAtFull_mol() const;                              // Li in the CAM at x = 1
  double maxLithiation(const numerics::BlockVector& u) const;
  double initialLithiation() const { return x0_; }
  double maxConcentration_mol_per_m3() const { return cmax_; }
  // The lithiation of every voxel of the cell (0 off the CAM) on the first process, empty elsewhere.
  std::vector<double> gatherLithiation(const numerics::BlockVector& u) const;
  // One component of u over the whole cell (z, y, x order) on the first process, empty elsewhere.
  std::vector<double> gatherComponent(const numerics::BlockVector& u, std::size_t component) const {
    return solver_.gather(box_, u[component]);
  }
  // The open-circuit voltage of the CAM at lithiation x.
  double openCircuitVoltage(double x) const { return p_.cam.openCircuitVoltage_V(x); }

 private:
  struct Face;
  // The CAM's state-dependent properties per ghosted cell, computed once
  // per residual or Jacobian (each cell borders six faces: looking its
  // tables up per face did the work six to twelve times).
  struct CamProperties {
    std::vector<double> sigma, sigmaSlope, diffusivity, diffusivitySlope, ocv, ocvSlope;
  };
  void updateProperties(const numerics::BlockVector& u, bool derivatives);
  Face evaluate(std::size_t a, std::size_t b, const numerics::BlockVector& u, double s, bool derivatives) const;
  double sigma(double x) const;
  double sigmaSlope(double x) const;
  double diffusivity(double x) const;
  double diffusivitySlope(double x) const;
  bool grainBoundary(std::size_t a, std::size_t b) const;
  std::size_t potentialOf(std::size_t cell) const;  // Solid in CAM cells, Electrolyte elsewhere
  double thickness(std::size_t cell) const { return thickness_[cell / box_.sz()]; }

  const CellGeometry& cell_;
  const DischargeParameters& p_;
  numerics::Solver& solver_;
  std::vector<numerics::Box> boxes_;
  numerics::Box box_;
  std::unique_ptr<numerics::Halo> halo_;
  numerics::BoundaryConditions potentialSides_, lithiationSides_;
  numerics::Field<std::uint8_t> kind_, id_;  // per ghosted cell: what it is, its SE material id
  double h_ = 0, f_ = 0, kappa_ = 0, ce_ = 0, cmax_ = 0, x0_ = 0, i00_ = 0, alpha_ = 0.5;
  double anodeI0_ = 0, anodeAlpha_ = 0.5, gbI0_ = 0, current_ = 0;
  std::uint64_t interfaceFaces_ = 0, camVoxels_ = 0, gbFaces_ = 0;
  CamProperties props_;
  std::vector<double> thickness_;  // per ghosted slice of the box: its thickness along z (m)
  // The residual's face currents, each face once: per axis, the charge and
  // the lithium through the face below each cell (from the cell before it
  // along the axis).
  std::array<std::vector<double>, 3> faceCharge_, faceLithium_;
};

}  // namespace ssb::echem
