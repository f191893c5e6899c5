#include "structure/Dfsane.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace ssb::structure {

DfsaneResult dfsane(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& F,
                    Eigen::VectorXd x0, const DfsaneOptions& o,
                    const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& project) {
  auto proj = [&](const Eigen::VectorXd& x) { return project ? project(x) : x; };
  DfsaneResult r;
  r.x = proj(x0);
  r.F = F(r.x);
  r.evaluations = 1;
  auto done = [&] { return r.F.cwiseAbs().maxCoeff() <= o.tolerance; };
  if (done()) { r.converged = true; return r; }
  const double f0 = r.F.squaredNorm();
  std::deque<double> recent{f0};
  double sigma = 1.0;
  for (int k = 0; r.evaluations < o.maxEvaluations; ++k) {
    r.iterations = k + 1;
    const Eigen::VectorXd d = -sigma * r.F;
    const double fk = r.F.squaredNorm();
    const double fmax = *std::max_element(recent.begin(), recent.end());
    const double eta = f0 / ((1.0 + k) * (1.0 + k));  // Σ eta_k < ∞
    double aPlus = 1.0, aMinus = 1.0;
    Eigen::VectorXd xNew, FNew;
    bool accepted = false;
    while (r.evaluations < o.maxEvaluations) {
      xNew = proj(r.x + aPlus * d);
      FNew = F(xNew);
      ++r.evaluations;
      if (FNew.squaredNorm() <= fmax + eta - o.gamma * aPlus * aPlus * fk) { accepted = true; break; }
      if (r.evaluations >= o.maxEvaluations) break;
      const double fPlus = FNew.squaredNorm();
      xNew = proj(r.x - aMinus * d);
      FNew = F(xNew);
      ++r.evaluations;
      if (FNew.squaredNorm() <= fmax + eta - o.gamma * aMinus * aMinus * fk) { accepted = true; break; }
      // Safeguarded quadratic backtracking of both step lengths.
      const double fMinus = FNew.squaredNorm();
      const double tPlus = aPlus * aPlus * fk / (fPlus + (2 * aPlus - 1) * fk);
      const double tMinus = aMinus * aMinus * fk / (fMinus + (2 * aMinus - 1) * fk);
      aPlus = std::clamp(std::isfinite(tPlus) ? tPlus : 0.5 * aPlus, 0.1 * aPlus, 0.5 * aPlus);
      aMinus = std::clamp(std::isfinite(tMinus) ? tMinus : 0.5 * aMinus, 0.1 * aMinus, 0.5 * aMinus);
    }
    if (!accepted) {
      if (FNew.size() && FNew.cwiseAbs().maxCoeff() < r.F.cwiseAbs().maxCoeff()) { r.x = xNew; r.F = FNew; }
      break;
    }
    const Eigen::VectorXd s = xNew - r.x, y = FNew - r.F;
    r.x = xNew;
    r.F = FNew;
    if (done()) { r.converged = true; return r; }
    const double sy = s.dot(y);
    sigma = sy != 0.0 ? s.squaredNorm() / sy : 1.0;
    if (!std::isfinite(sigma)) sigma = 1.0;
    sigma = std::copysign(std::clamp(std::abs(sigma), o.sigmaMin, o.sigmaMax), sigma);
    recent.push_back(r.F.squaredNorm());
    if (int(recent.size()) > o.memory) recent.pop_front();
  }
  r.converged = done();
  return r;
}

}  // namespace ssb::structure
