//! Partial information decomposition from the shell, for instructors who
//! precompute values:
//!
//! ```text
//! cargo run --release --example pid -- TABLE.json [--measure broja|imin|mmi]
//! ```
//!
//! TABLE.json holds nested arrays `p[x1][x2][y]` whose cells sum to 1. Prints
//! one JSON object with R, U1, U2, S and the mutual-information terms, in
//! bits; errors go to stderr with exit status 1 (2 for a usage error).

use std::process::ExitCode;

use mmml::quantification::{JointTable, Measure, decompose};

const USAGE: &str = "usage: pid TABLE.json [--measure broja|imin|mmi]";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (path, measure) = match parse_arguments(&arguments) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    match run(&path, measure) {
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

fn parse_arguments(arguments: &[String]) -> Result<(String, Measure), String> {
    let mut path = None;
    let mut measure = Measure::Broja;
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        match argument.as_str() {
            "--measure" => {
                let name = rest.next().ok_or("--measure needs a value")?;
                measure = name.parse().map_err(|error| format!("{error}"))?;
            }
            "-h" | "--help" => {
                println!(
                    "Decomposes I(X1, X2; Y) of a joint table into R, U1, U2 and S, in bits.\n{USAGE}"
                );
                std::process::exit(0);
            }
            _ if path.is_none() => path = Some(argument.clone()),
            _ => return Err(format!("unexpected argument {argument:?}")),
        }
    }
    Ok((path.ok_or("give the path of a table")?, measure))
}

fn run(path: &str, measure: Measure) -> Result<String, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    let rows: Vec<Vec<Vec<f64>>> = serde_json::from_str(&text)
        .map_err(|error| format!("{path} is not nested arrays p[x1][x2][y] of numbers: {error}"))?;
    let table = JointTable::new(JointTable::from_nested(&rows).map_err(|e| e.to_string())?)
        .map_err(|error| error.to_string())?;
    let decomposition = decompose(&table, measure).map_err(|error| error.to_string())?;
    serde_json::to_string(&decomposition).map_err(|error| error.to_string())
}
