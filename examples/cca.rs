//! Canonical correlations of two modalities from the shell:
//!
//! ```text
//! cargo run --release --example cca -- A.csv B.csv [--ridge R]
//! ```
//!
//! Each CSV holds one sample per row (the same samples, in the same order, in
//! both files) and one numeric feature per column, with or without a header
//! row. Prints the canonical correlations, largest first, as a JSON array;
//! `--ridge` (default 0, classical CCA) is added to each covariance relative
//! to its mean variance, from 0 to 1. Errors go to stderr with exit status 1
//! (2 for a usage error).

use std::process::ExitCode;

use mmml::data::CsvTable;
use mmml::representation::coordination::cca::Cca;
use ndarray::Array2;

const USAGE: &str = "usage: cca A.csv B.csv [--ridge R]";

struct Arguments {
    a: String,
    b: String,
    ridge: f64,
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let arguments = match parse_arguments(&arguments) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    match run(&arguments) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_arguments(arguments: &[String]) -> Result<Arguments, String> {
    let mut paths = Vec::new();
    let mut ridge = 0.0;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match argument.as_str() {
            "--ridge" => {
                let value = rest.next().ok_or("--ridge needs a value")?;
                ridge = value.parse().map_err(|_| {
                    format!("--ridge {value:?} is not a number: give one from 0 to 1")
                })?;
            }
            "-h" | "--help" => {
                println!(
                    "Prints the canonical correlations of two paired modalities (CCA).\n{USAGE}"
                );
                std::process::exit(0);
            }
            _ if paths.len() < 2 => paths.push(argument.clone()),
            _ => return Err(format!("unexpected argument {argument:?}")),
        }
    }
    let [a, b]: [String; 2] = paths
        .try_into()
        .map_err(|_| "give the paths of two CSV files, one per modality")?;
    Ok(Arguments { a, b, ridge })
}

fn run(arguments: &Arguments) -> Result<String, String> {
    let a = read_matrix(&arguments.a)?;
    let b = read_matrix(&arguments.b)?;
    let cca = Cca::fit(a.view(), b.view(), arguments.ridge).map_err(|error| error.to_string())?;
    serde_json::to_string(&cca.correlations).map_err(|error| error.to_string())
}

fn read_matrix(path: &str) -> Result<Array2<f64>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    let table = CsvTable::parse_numeric(&text).map_err(|error| format!("{path}: {error}"))?;
    let columns: Vec<usize> = (0..table.columns.len()).collect();
    table
        .numbers(&columns)
        .map_err(|error| format!("{path}: {error}"))
}
