//! The minimum-mutual-information redundancy.
//!
//! Barrett, "Exploration of synergistic and redundant information sharing in
//! static and dynamical Gaussian systems", Phys. Rev. E 91 (2015),
//! <https://doi.org/10.1103/PhysRevE.91.052802>:
//!
//! ```text
//! R_MMI = min( I(X1; Y), I(X2; Y) )
//! ```
//!
//! so the weaker modality's information is all redundant and it never has any
//! unique information of its own.

use super::information::InformationTerms;

/// R_MMI in bits.
pub fn redundancy(terms: &InformationTerms) -> f64 {
    terms.x1_y.min(terms.x2_y)
}
