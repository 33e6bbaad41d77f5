//! Partial information decomposition: what two modalities X1 and X2 tell
//! about a target Y, split into redundancy R, uniqueness U1 and U2, and
//! synergy S, all in bits:
//!
//! ```text
//! R + U1 + U2 + S = I(X1, X2; Y)      R + U1 = I(X1; Y)      R + U2 = I(X2; Y)
//! ```
//!
//! Three equations, four unknowns: a measure fixes the last degree of freedom.
//! [`Measure::Broja`] fixes it by the optimal coupling of [`super::broja`];
//! [`Measure::WilliamsBeer`] and [`Measure::Mmi`] fix it by defining R.

use std::fmt;
use std::str::FromStr;

use ndarray::Array3;
use serde::Serialize;

use super::information::{
    InformationTerms, conditional_mutual_information_x1_y_given_x2,
    conditional_mutual_information_x2_y_given_x1, mutual_information_joint,
};
use super::table::JointTable;
use super::{broja, mmi, williams_beer};
use crate::Error;

/// A way to define redundancy, and with it the whole decomposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Bertschinger et al.'s unique information, by the exact convex program.
    Broja,
    /// Williams and Beer's I_min.
    #[serde(rename = "imin")]
    WilliamsBeer,
    /// The minimum mutual information.
    Mmi,
}

impl Measure {
    /// Every measure, in the order the demos show them.
    pub const ALL: [Measure; 3] = [Measure::Broja, Measure::WilliamsBeer, Measure::Mmi];

    /// The short name used in URLs, on the command line and in JavaScript.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Broja => "broja",
            Measure::WilliamsBeer => "imin",
            Measure::Mmi => "mmi",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

impl FromStr for Measure {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Measure::ALL
            .into_iter()
            .find(|measure| measure.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| Error::UnknownMeasure(name.to_owned()))
    }
}

/// The four atoms of a decomposition, in bits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Atoms {
    /// Redundancy R: what both modalities tell about Y.
    #[serde(rename = "R")]
    pub redundancy: f64,
    /// Uniqueness U1: what only X1 tells.
    #[serde(rename = "U1")]
    pub unique_1: f64,
    /// Uniqueness U2: what only X2 tells.
    #[serde(rename = "U2")]
    pub unique_2: f64,
    /// Synergy S: what only the two together tell.
    #[serde(rename = "S")]
    pub synergy: f64,
}

impl Atoms {
    /// The atoms that a redundancy value implies through the three identities.
    fn from_redundancy(redundancy: f64, terms: &InformationTerms) -> Self {
        let unique_1 = terms.x1_y - redundancy;
        let unique_2 = terms.x2_y - redundancy;
        Self {
            redundancy,
            unique_1,
            unique_2,
            synergy: terms.joint - redundancy - unique_1 - unique_2,
        }
    }
}

/// A decomposition with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decomposition {
    pub measure: Measure,
    #[serde(flatten)]
    pub atoms: Atoms,
    #[serde(flatten)]
    pub information: InformationTerms,
    /// BROJA's optimal coupling q*, `q[x1][x2][y]`; absent for other measures.
    #[serde(skip)]
    pub coupling: Option<Array3<f64>>,
    /// Interior-point iterations BROJA's solver took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u32>,
}

/// Decomposes `I(X1, X2; Y)` of `table` with `measure`.
pub fn decompose(table: &JointTable, measure: Measure) -> Result<Decomposition, Error> {
    let information = InformationTerms::of(table.p());
    let mut decomposition = Decomposition {
        measure,
        atoms: Atoms::from_redundancy(0.0, &information),
        information,
        coupling: None,
        iterations: None,
    };

    match measure {
        Measure::Broja => {
            let optimum = broja::optimal_coupling(table)?;
            let q = &optimum.q;
            let unique_1 = conditional_mutual_information_x1_y_given_x2(q);
            let unique_2 = conditional_mutual_information_x2_y_given_x1(q);
            decomposition.atoms = Atoms {
                redundancy: information.x1_y - unique_1,
                unique_1,
                unique_2,
                synergy: information.joint - mutual_information_joint(q),
            };
            decomposition.coupling = Some(optimum.q);
            decomposition.iterations = Some(optimum.iterations);
        }
        Measure::WilliamsBeer => {
            let redundancy = williams_beer::redundancy(table);
            decomposition.atoms = Atoms::from_redundancy(redundancy, &information);
        }
        Measure::Mmi => {
            let redundancy = mmi::redundancy(&information);
            decomposition.atoms = Atoms::from_redundancy(redundancy, &information);
        }
    }
    Ok(decomposition)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantification::presets::Preset;

    /// Closed forms: AND has R = 3/2 - (3/4) log2 3 and S = 1/2 under BROJA.
    #[test]
    fn and_gate_matches_its_closed_form() {
        let table = Preset::And.table();
        let broja = decompose(&table, Measure::Broja).unwrap();
        let redundancy = 1.5 - 0.75 * 3f64.log2();
        assert!((broja.atoms.redundancy - redundancy).abs() < 1e-6);
        assert!((broja.atoms.synergy - 0.5).abs() < 1e-6);
    }

    #[test]
    fn copy_separates_broja_from_the_redundancy_measures() {
        let table = Preset::Copy.table();
        let broja = decompose(&table, Measure::Broja).unwrap().atoms;
        assert!(broja.redundancy.abs() < 1e-6 && broja.synergy.abs() < 1e-6);
        assert!((broja.unique_1 - 1.0).abs() < 1e-6 && (broja.unique_2 - 1.0).abs() < 1e-6);
        for measure in [Measure::WilliamsBeer, Measure::Mmi] {
            let atoms = decompose(&table, measure).unwrap().atoms;
            assert!((atoms.redundancy - 1.0).abs() < 1e-12, "{measure}");
            assert!((atoms.synergy - 1.0).abs() < 1e-12, "{measure}");
        }
    }

    #[test]
    fn measures_are_named_as_on_the_command_line() {
        assert_eq!("IMIN".parse::<Measure>().unwrap(), Measure::WilliamsBeer);
        assert!(matches!(
            "ccs".parse::<Measure>(),
            Err(Error::UnknownMeasure(name)) if name == "ccs"
        ));
    }
}
