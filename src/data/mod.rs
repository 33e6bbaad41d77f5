//! Data that students bring: small CSV tables, read with errors that name
//! the line and the column.

pub mod csv_table;

pub use csv_table::CsvTable;
