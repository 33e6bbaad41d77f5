//! Data for the demos: small CSV tables that students bring, read with
//! errors that name the line and the column, and the bundled 8x8
//! handwritten digits.

pub mod csv_table;
pub mod digits;

pub use csv_table::CsvTable;
