//! The BROJA decomposition's convex program, solved exactly.
//!
//! Bertschinger, Rauh, Olbrich, Jost and Ay, "Quantifying unique information",
//! Entropy 16 (2014), <https://doi.org/10.3390/e16042161>. With `Delta_p` the
//! distributions q that agree with p on the (x1, y) and (x2, y) marginals,
//!
//! ```text
//! q* = argmax over q in Delta_p of H_q(Y | X1, X2)
//! ```
//!
//! and every term of the decomposition is read off q* (see [`super::pid`]).
//!
//! # The program as it is posed
//!
//! Only the cells (x1, x2, y) with p(x1, y) > 0 and p(x2, y) > 0 can carry
//! mass in `Delta_p`, so only they become variables. Each kept cell has its
//! coupling q(x1, x2, y) and an entropy term t(x1, x2, y); each pair (x1, x2)
//! has s(x1, x2) = sum over y of q(x1, x2, y). Then
//!
//! ```text
//! maximise    sum t
//! subject to  t <= -q log(q / s)              one exponential cone per cell
//!             sum over x2 of q = p(x1, y)     for every (x1, y)
//!             sum over x1 of q = p(x2, y)     for every (x2, y)
//!             s(x1, x2) = sum over y of q(x1, x2, y)
//! ```
//!
//! and `sum t` at the optimum is H_q*(Y | X1, X2) in nats. Writing each cone
//! against s rather than against the sum it stands for keeps the constraint
//! matrix sparse, which is what makes the interior-point solver fast.

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};
use ndarray::{Array3, Axis};

use super::table::JointTable;
use crate::Error;

/// The solver's stopping tolerance on the duality gap and the residuals, in
/// nats. At 1e-7 every PID term agrees with the references to better than
/// 1e-6 bits, in a quarter fewer iterations than at the default 1e-8.
const TOLERANCE: f64 = 1e-7;

/// Largest primal or dual residual at which an "almost solved" answer from
/// the solver is still accepted: the PID terms are then right to about 1e-7 bits.
const ALMOST_SOLVED_RESIDUAL: f64 = 1e-7;

/// Most rounds of fitting q*'s marginals to p's (see [`fit_marginals`]);
/// from the solver's answer a handful reach [`MARGINAL_FITTING_TOLERANCE`].
const MARGINAL_FITTING_ROUNDS: usize = 50;

/// Relative change of a marginal below which fitting stops.
const MARGINAL_FITTING_TOLERANCE: f64 = 1e-13;

/// The optimum of the BROJA program and how the solver reached it.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimalCoupling {
    /// q*(x1, x2, y), shape `(|X1|, |X2|, |Y|)`: negatives from round-off clipped
    /// to 0, then the marginals fitted to p's by `fit_marginals`.
    pub q: Array3<f64>,
    /// Interior-point iterations taken.
    pub iterations: u32,
    /// The solver's final status, as it names it.
    pub status: String,
}

/// Solves `max over Delta_p of H_q(Y | X1, X2)` for the table `p`.
///
/// Returns [`Error::SolverFailed`] when the solver stops without an accurate
/// optimum; the classical information terms do not depend on it.
pub fn optimal_coupling(table: &JointTable) -> Result<OptimalCoupling, Error> {
    let program = Program::new(table);
    // Iterative refinement of each linear solve costs a quarter of the time on
    // these small systems; without it the terms still meet the references.
    let settings = DefaultSettingsBuilder::default()
        .verbose(false)
        .tol_gap_abs(TOLERANCE)
        .tol_gap_rel(TOLERANCE)
        .tol_feas(TOLERANCE)
        .iterative_refinement_enable(false)
        .build()
        .map_err(|error| Error::Invalid(format!("solver settings: {error}")))?;
    let mut solver = DefaultSolver::new(
        &CscMatrix::zeros((program.variables, program.variables)),
        &program.objective,
        &program.constraints,
        &program.bounds,
        &program.cones,
        settings,
    )
    .map_err(|error| Error::Invalid(format!("BROJA program: {error}")))?;
    solver.solve();

    let solution = &solver.solution;
    let accurate = match solution.status {
        SolverStatus::Solved => true,
        SolverStatus::AlmostSolved => solution.r_prim.max(solution.r_dual) < ALMOST_SOLVED_RESIDUAL,
        _ => false,
    };
    let status = format!("{:?}", solution.status);
    log::debug!(
        "BROJA: {status} after {} iterations, residuals {:.1e} / {:.1e}",
        solution.iterations,
        solution.r_prim,
        solution.r_dual
    );
    if !accurate {
        return Err(Error::SolverFailed {
            status,
            iterations: solution.iterations,
        });
    }

    let mut q = Array3::zeros(table.shape());
    for (&cell, &value) in program.cells.iter().zip(&solution.x) {
        q[cell] = value.max(0.0);
    }
    fit_marginals(&mut q, table);
    Ok(OptimalCoupling {
        q,
        iterations: solution.iterations,
        status,
    })
}

/// Rescales `q` until its (x1, y) and (x2, y) marginals equal p's to
/// round-off, by iterative proportional fitting: each round multiplies every
/// cell by p(x1, y) / q(x1, y), then by p(x2, y) / q(x2, y).
///
/// The solver meets the marginals only to its absolute tolerance, which for
/// a marginal of 1e-12 is a large relative error, and the logarithms in the
/// information terms turn that into PID identities off by a millionth of a
/// bit. The PID identities hold exactly for q in `Delta_p`, and q moves by no
/// more than the solver's tolerance. Cells the solver left empty stay empty.
fn fit_marginals(q: &mut Array3<f64>, table: &JointTable) {
    let targets = [(Axis(1), table.x1_y()), (Axis(0), table.x2_y())];
    for _ in 0..MARGINAL_FITTING_ROUNDS {
        let mut largest_change: f64 = 0.0;
        for (axis, target) in &targets {
            let current = q.sum_axis(*axis);
            for ((x1, x2, y), cell) in q.indexed_iter_mut() {
                let index = if *axis == Axis(1) { [x1, y] } else { [x2, y] };
                let (current, target) = (current[index], target[index]);
                if current > 0.0 {
                    // The cell's share of its marginal first: target / current
                    // alone overflows when the marginal is near the smallest
                    // number, and 0 times infinity is NaN.
                    *cell = *cell / current * target;
                    largest_change = largest_change.max((target / current - 1.0).abs());
                }
            }
        }
        if largest_change < MARGINAL_FITTING_TOLERANCE {
            return;
        }
    }
    log::debug!(
        "BROJA: the marginals of q* still moved after {MARGINAL_FITTING_ROUNDS} rounds of fitting"
    );
}

/// The program in the solver's form: minimise `objective . x` subject to
/// `bounds - constraints x` in `cones`.
struct Program {
    /// The kept cells, in the order of their q and t variables.
    cells: Vec<[usize; 3]>,
    variables: usize,
    objective: Vec<f64>,
    constraints: CscMatrix<f64>,
    bounds: Vec<f64>,
    cones: Vec<SupportedConeT<f64>>,
}

impl Program {
    fn new(table: &JointTable) -> Self {
        let (n1, n2, ny) = table.shape();
        let x1_y = table.x1_y();
        let x2_y = table.x2_y();

        // Variables: q for each kept cell, then t for each kept cell, then s per pair.
        let mut cells = Vec::new();
        let mut pair_of_cell = Vec::new();
        let mut pair_index = vec![None; n1 * n2];
        let mut pairs = 0;
        for x1 in 0..n1 {
            for x2 in 0..n2 {
                for y in 0..ny {
                    if x1_y[[x1, y]] > 0.0 && x2_y[[x2, y]] > 0.0 {
                        let pair = *pair_index[x1 * n2 + x2].get_or_insert_with(|| {
                            pairs += 1;
                            pairs - 1
                        });
                        cells.push([x1, x2, y]);
                        pair_of_cell.push(pair);
                    }
                }
            }
        }
        let kept = cells.len();
        let q = |cell: usize| cell;
        let t = |cell: usize| kept + cell;
        let s = |pair: usize| 2 * kept + pair;
        let variables = 2 * kept + pairs;

        let mut objective = vec![0.0; variables];
        for cell in 0..kept {
            objective[t(cell)] = -1.0;
        }

        let mut rows = Vec::new();
        let mut columns = Vec::new();
        let mut values = Vec::new();
        let mut bounds = Vec::new();
        let mut entry = |row: usize, column: usize, value: f64| {
            rows.push(row);
            columns.push(column);
            values.push(value);
        };

        // The (x1, y) marginals.
        for x1 in 0..n1 {
            for y in 0..ny {
                if x1_y[[x1, y]] > 0.0 {
                    for (cell, _) in cells
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c[0] == x1 && c[2] == y)
                    {
                        entry(bounds.len(), q(cell), 1.0);
                    }
                    bounds.push(x1_y[[x1, y]]);
                }
            }
        }

        // The (x2, y) marginals, but for the last x2 of each y: the two sets of
        // marginals share their total p(y), so one equation per y is implied.
        for y in 0..ny {
            let support: Vec<usize> = (0..n2).filter(|&x2| x2_y[[x2, y]] > 0.0).collect();
            for &x2 in support.iter().take(support.len().saturating_sub(1)) {
                for (cell, _) in cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c[1] == x2 && c[2] == y)
                {
                    entry(bounds.len(), q(cell), 1.0);
                }
                bounds.push(x2_y[[x2, y]]);
            }
        }

        // s(x1, x2) = sum over y of q(x1, x2, y).
        let first_pair_row = bounds.len();
        bounds.resize(first_pair_row + pairs, 0.0);
        for pair in 0..pairs {
            entry(first_pair_row + pair, s(pair), 1.0);
        }
        for (cell, &pair) in pair_of_cell.iter().enumerate() {
            entry(first_pair_row + pair, q(cell), -1.0);
        }
        let equalities = bounds.len();

        // (t, q, s) in the exponential cone {(a, b, c) : b exp(a / b) <= c},
        // that is t <= q log(s / q) = -q log(q / s).
        for (cell, &pair) in pair_of_cell.iter().enumerate() {
            let row = bounds.len();
            entry(row, t(cell), -1.0);
            entry(row + 1, q(cell), -1.0);
            entry(row + 2, s(pair), -1.0);
            bounds.extend([0.0; 3]);
        }

        let mut cones = vec![SupportedConeT::ZeroConeT(equalities)];
        cones.extend(std::iter::repeat_n(
            SupportedConeT::ExponentialConeT(),
            kept,
        ));
        let constraints =
            CscMatrix::new_from_triplets(bounds.len(), variables, rows, columns, values);

        Self {
            cells,
            variables,
            objective,
            constraints,
            bounds,
            cones,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantification::presets::random_weights;
    use ndarray::array;

    #[test]
    fn the_coupling_keeps_both_marginals() {
        let p = array![[[0.1, 0.2], [0.05, 0.15]], [[0.2, 0.1], [0.15, 0.05]]];
        let table = JointTable::new(p.clone()).unwrap();
        let coupling = optimal_coupling(&table).unwrap();
        let tolerance = 1e-8;
        for (ours, theirs) in coupling
            .q
            .sum_axis(Axis(1))
            .iter()
            .zip(p.sum_axis(Axis(1)).iter())
        {
            assert!((ours - theirs).abs() < tolerance);
        }
        for (ours, theirs) in coupling
            .q
            .sum_axis(Axis(0))
            .iter()
            .zip(p.sum_axis(Axis(0)).iter())
        {
            assert!((ours - theirs).abs() < tolerance);
        }
    }

    #[test]
    fn the_coupling_meets_vanishing_marginals_to_round_off() {
        // Every third cell is a trillionth of the others: the solver's
        // absolute tolerance alone leaves such marginals far off in relative
        // terms, and with them the PID identities.
        let mut p = random_weights((8, 8, 7), 3);
        for ((x1, x2, y), cell) in p.indexed_iter_mut() {
            if (x1 + 2 * x2 + y) % 3 == 0 {
                *cell *= 1e-12;
            }
        }
        let table = JointTable::normalised(p).unwrap();
        let q = optimal_coupling(&table).unwrap().q;
        for (axis, target) in [(Axis(1), table.x1_y()), (Axis(0), table.x2_y())] {
            for (ours, theirs) in q.sum_axis(axis).iter().zip(target.iter()) {
                assert!(
                    (ours - theirs).abs() <= 1e-12 * theirs,
                    "{ours:e} for {theirs:e}"
                );
            }
        }
    }

    #[test]
    fn fitting_stays_finite_when_a_marginal_is_near_the_smallest_number() {
        // p(x1 = 1, y = 1) is about 1e-319, below the normal numbers: the
        // fitting's ratio of marginals would overflow, and the empty cells
        // beside it turn 0 times infinity into NaN.
        let p = array![[[0.0, 0.0], [4.0, 13e-10]], [[5.0, 2.5e-318], [10.0, 0.0]]];
        let q = optimal_coupling(&JointTable::normalised(p).unwrap())
            .unwrap()
            .q;
        assert!(q.iter().all(|cell| cell.is_finite()), "{q:?}");
    }

    #[test]
    fn cells_outside_the_marginals_support_stay_empty() {
        // RDN: y = x1 = x2, so q can put mass only where p does.
        let rdn = array![[[0.5, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.5]]];
        let coupling = optimal_coupling(&JointTable::new(rdn.clone()).unwrap()).unwrap();
        for (ours, theirs) in coupling.q.iter().zip(rdn.iter()) {
            assert!((ours - theirs).abs() < 1e-8);
        }
    }
}
