//! A small CSV table of text fields, as a student exports it from a
//! spreadsheet: comma-separated, optionally with a header row.

use ndarray::Array2;

use crate::Error;

/// The most rows a CSV brought into a demo may have: the demos recompute on
/// every change and must stay live.
pub const MAX_ROWS: usize = 100_000;

/// A rectangular table of text fields with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    /// Column names: the header row, or "column 1", "column 2", ...
    pub columns: Vec<String>,
    /// The data rows, each with one field per column.
    pub rows: Vec<Vec<String>>,
    /// The line of the file each row came from, counted from 1.
    pub lines: Vec<usize>,
}

impl CsvTable {
    /// Parses `text`. Blank lines are skipped; every other row must have as
    /// many fields as the first.
    pub fn parse(text: &str, has_header: bool) -> Result<Self, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());

        let lines = LineIndex::new(text);
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|error| {
                let line = error
                    .position()
                    .map_or(0, |position| lines.line_of(position));
                Error::Invalid(format!("line {line} of the CSV cannot be read: {error}"))
            })?;
            if record.iter().all(str::is_empty) {
                continue;
            }
            let line = record
                .position()
                .map_or(0, |position| lines.line_of(position));
            records.push((line, record.iter().map(str::to_owned).collect::<Vec<_>>()));
            // One row over the limit (a header, perhaps) is enough to refuse:
            // no need to read a huge file to its end first.
            if records.len() > MAX_ROWS + 1 {
                return Err(Error::Invalid(format!(
                    "the CSV has more than {MAX_ROWS} rows; at most {MAX_ROWS} are supported"
                )));
            }
        }

        let width = records.first().map_or(0, |(_, fields)| fields.len());
        if width == 1 {
            let first = &records[0].1[0];
            if let Some(separator) = [(';', "semicolons"), ('\t', "tabs")]
                .into_iter()
                .find(|(separator, _)| first.contains(*separator))
                .map(|(_, name)| name)
            {
                let first: String = first.chars().take(40).collect();
                return Err(Error::Invalid(format!(
                    "the CSV's first row is one field, \"{first}\", which seems to separate its \
                     columns with {separator}: save the file with commas between columns \
                     (and points, not commas, in decimal numbers)"
                )));
            }
        }
        if let Some((line, fields)) = records.iter().find(|(_, fields)| fields.len() != width) {
            return Err(Error::Invalid(format!(
                "line {line} of the CSV has {} fields where the first row has {width}: \
                 every row needs the same columns",
                fields.len()
            )));
        }

        let columns = if has_header && !records.is_empty() {
            records.remove(0).1
        } else {
            (1..=width).map(|index| format!("column {index}")).collect()
        };
        if records.is_empty() {
            return Err(Error::Invalid(
                "the CSV has no data rows: give one sample per line".into(),
            ));
        }
        if records.len() > MAX_ROWS {
            return Err(Error::Invalid(format!(
                "the CSV has {} rows; at most {MAX_ROWS} are supported",
                records.len()
            )));
        }

        let (lines, rows) = records.into_iter().unzip();
        Ok(Self {
            columns,
            rows,
            lines,
        })
    }

    /// The index of the column called `name`, or an error listing the columns.
    pub fn column(&self, name: &str) -> Result<usize, Error> {
        self.columns
            .iter()
            .position(|column| column == name)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "there is no column {name:?}; the columns are {}",
                    self.columns.join(", ")
                ))
            })
    }
}

impl CsvTable {
    /// The header row is a header when some field of the first row is not a
    /// number: how a numeric table of samples is told from one with names.
    pub fn parse_numeric(text: &str) -> Result<Self, Error> {
        let mut table = CsvTable::parse(text, false)?;
        let has_header = table.rows[0]
            .iter()
            .any(|field| field.parse::<f64>().is_err());
        if has_header {
            table.columns = table.rows.remove(0);
            table.lines.remove(0);
            if table.rows.is_empty() {
                return Err(Error::Invalid(
                    "the CSV has no data rows: give one sample per line".into(),
                ));
            }
        }
        Ok(table)
    }

    /// The chosen columns as a matrix of numbers, one sample per row.
    ///
    /// Every field must be a finite number; the first that is not is named by
    /// its line of the file and its column.
    pub fn numbers(&self, columns: &[usize]) -> Result<Array2<f64>, Error> {
        if let Some(&column) = columns.iter().find(|&&column| column >= self.columns.len()) {
            return Err(Error::Invalid(format!(
                "column {} does not exist: the CSV has {} columns",
                column + 1,
                self.columns.len()
            )));
        }

        let mut values = Array2::zeros((self.rows.len(), columns.len()));
        for (row, (fields, line)) in self.rows.iter().zip(&self.lines).enumerate() {
            for (slot, &column) in columns.iter().enumerate() {
                let field = &fields[column];
                match field.parse::<f64>() {
                    Ok(value) if value.is_finite() => values[[row, slot]] = value,
                    _ => {
                        return Err(Error::Invalid(format!(
                            "line {line}, column {:?}: {field:?} is not a finite number",
                            self.columns[column]
                        )));
                    }
                }
            }
        }
        Ok(values)
    }
}

/// Where each line of a text starts, to turn the csv crate's byte offsets
/// into line numbers in logarithmic time.
struct LineIndex<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let newlines = (0..bytes.len()).filter(|&i| bytes[i] == b'\n').collect();
        LineIndex { bytes, newlines }
    }

    /// The line, counted from 1, at which a record starts. The csv crate
    /// neither counts blank lines nor starts a record's position after them,
    /// so skip line breaks from its byte offset and count the newlines
    /// before.
    fn line_of(&self, position: &csv::Position) -> usize {
        let mut offset = (position.byte() as usize).min(self.bytes.len());
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\n' | b'\r') {
            offset += 1;
        }
        self.newlines.partition_point(|&newline| newline < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_or_tab_separated_files_are_refused_with_a_hint() {
        for text in ["a;b;y\n0;1;1\n1;0;1\n", "a\tb\n1\t2\n"] {
            let error = CsvTable::parse(text, true).unwrap_err().to_string();
            assert!(error.contains("save the file with commas"), "{error}");
        }
        // One column of its own is still a table.
        assert_eq!(CsvTable::parse("y\n0\n1\n", true).unwrap().columns, ["y"]);
    }

    #[test]
    fn reads_a_header_and_skips_blank_lines() {
        let table = CsvTable::parse("a, b,y\n1,2,3\n\n4,5,6\n", true).unwrap();
        assert_eq!(table.columns, ["a", "b", "y"]);
        assert_eq!(table.rows, [["1", "2", "3"], ["4", "5", "6"]]);
        assert_eq!(table.lines, [2, 4]);
        assert_eq!(table.column("y"), Ok(2));
    }

    #[test]
    fn names_columns_when_there_is_no_header() {
        let table = CsvTable::parse("1,2\n3,4\n", false).unwrap();
        assert_eq!(table.columns, ["column 1", "column 2"]);
        assert_eq!(table.rows.len(), 2);
    }

    #[test]
    fn a_short_row_is_named_by_its_line() {
        let error = CsvTable::parse("a,b\n1,2\n3\n", true).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 3 of the CSV has 1 fields where the first row has 2: every row needs the same columns"
        );
    }

    #[test]
    fn an_empty_file_or_a_header_alone_is_refused() {
        assert!(CsvTable::parse("", true).is_err());
        assert!(
            CsvTable::parse("a,b\n", true)
                .unwrap_err()
                .to_string()
                .contains("no data rows")
        );
    }

    #[test]
    fn an_unknown_column_lists_the_real_ones() {
        let table = CsvTable::parse("a,b\n1,2\n", true).unwrap();
        assert!(
            table
                .column("c")
                .unwrap_err()
                .to_string()
                .contains("the columns are a, b")
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_carriage_returns() {
        let table = CsvTable::parse_numeric("a,b\r\n\r\n1,2\r\n\n\n3,x\n").unwrap();
        assert_eq!(table.lines, [3, 6]);
        assert!(
            table
                .numbers(&[1])
                .unwrap_err()
                .to_string()
                .starts_with("line 6,")
        );
    }

    #[test]
    fn a_file_over_the_row_limit_is_refused_without_reading_it_all() {
        let text = "1,2\n".repeat(MAX_ROWS + 5);
        let error = CsvTable::parse(&text, false).unwrap_err();
        assert!(
            error.to_string().contains("more than 100000 rows"),
            "{error}"
        );
    }

    #[test]
    fn a_numeric_table_needs_no_header() {
        let table = CsvTable::parse_numeric("1,2.5\n-3,4e1\n").unwrap();
        assert_eq!(table.columns, ["column 1", "column 2"]);
        let numbers = table.numbers(&[1, 0]).unwrap();
        assert_eq!(numbers, ndarray::array![[2.5, 1.0], [40.0, -3.0]]);
    }

    #[test]
    fn a_field_that_is_no_number_is_named_by_line_and_column() {
        let table = CsvTable::parse_numeric("a,b\n1,2\n3,NaN\n").unwrap();
        assert_eq!(table.columns, ["a", "b"]);
        assert_eq!(
            table.numbers(&[0, 1]).unwrap_err().to_string(),
            "line 3, column \"b\": \"NaN\" is not a finite number"
        );
        assert!(table.numbers(&[2]).is_err());
    }
}
