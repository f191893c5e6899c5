#pragma once
// DF-SANE: derivative-free spectral residual method for nonlinear systems
// F(x) = 0 (La Cruz, Martínez, Raydan, Math. Comp. 75, 2006), the solver the
// reference study used to hit its structure targets. Steps x - σF(x) with the
// spectral (Barzilai-Borwein) coefficient σ, accepted by a nonmonotone line
// search that tries both signs of the step.
#include <Eigen/Core>
#include <functional>

namespace ssb::structure {

struct DfsaneOptions {
  double tolerance = 1e-6;      // stop when max |F_i| <= tolerance
  int maxEvaluations = 30;      // F is expensive (a pile and a sintering)
  int memory = 10;              // M, the nonmonotone window
  double gamma = 1e-4;
  // Bounds on |sigma|, the spectral coefficient (the method's sigma_min,
  // sigma_max). Where the Jacobian is known to be near the identity but F
  // is noisy, tight bounds keep one noisy difference from throwing the
  // next step far away.
  double sigmaMin = 1e-10, sigmaMax = 1e10;
};

struct DfsaneResult {
  Eigen::VectorXd x, F;
  int evaluations = 0;
  int iterations = 0;
  bool converged = false;
};

// `project` maps a trial point into the feasible box before F is evaluated.
DfsaneResult dfsane(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& F,
                    Eigen::VectorXd x0, const DfsaneOptions& options,
                    const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& project = nullptr);

}  // namespace ssb::structure
