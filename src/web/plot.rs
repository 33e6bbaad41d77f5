//! Charts drawn with plotters on a canvas, sized for the screen they are on.

use ndarray::Array3;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use serde::Deserialize;

/// How a chart should look: `scale` is the canvas's device-pixel ratio,
/// `dark` picks light ink on a dark page, `large` is the lecture mode.
#[derive(Deserialize)]
pub struct Theme {
    #[serde(default = "one")]
    scale: f64,
    #[serde(default)]
    dark: bool,
    #[serde(default)]
    large: bool,
}

fn one() -> f64 {
    1.0
}

impl Theme {
    /// How much larger everything is drawn in lecture mode.
    fn enlargement(&self) -> f64 {
        if self.large { 1.6 } else { 1.0 }
    }

    fn font(&self, size: f64) -> TextStyle<'static> {
        let size = size * self.scale.clamp(0.5, 4.0) * self.enlargement();
        ("sans-serif", size).into_font().color(&self.ink())
    }

    fn ink(&self) -> RGBColor {
        if self.dark {
            RGBColor(230, 230, 230)
        } else {
            RGBColor(30, 30, 30)
        }
    }

    fn background(&self) -> RGBColor {
        if self.dark {
            RGBColor(24, 26, 31)
        } else {
            WHITE
        }
    }

    fn centred(&self, size: f64) -> TextStyle<'static> {
        self.font(size).pos(Pos::new(HPos::Center, VPos::Center))
    }

    /// Device pixels for a size in CSS pixels, enlarged in lecture mode.
    fn pixels(&self, size: f64) -> u32 {
        (size * self.scale * self.enlargement()).round().max(1.0) as u32
    }
}

/// One decomposition's atoms, as `decompose` returns them to JavaScript.
#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct AtomSeries {
    /// The measure's short name: broja, imin or mmi.
    measure: String,
    R: f64,
    U1: f64,
    U2: f64,
    S: f64,
}

/// The Okabe-Ito colours, safe for the common colour-vision deficiencies;
/// each measure also gets its own hatching-free label above its bars.
const SERIES_COLOURS: [RGBColor; 3] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
];

const ATOM_NAMES: [&str; 4] = ["R", "U1", "U2", "S"];

/// The name a measure has in the page's tables.
fn display_name(measure: &str) -> &str {
    match measure {
        "broja" => "BROJA",
        "imin" => "I_min",
        "mmi" => "MMI",
        other => other,
    }
}

fn canvas(canvas_id: &str) -> Result<DrawingArea<CanvasBackend, Shift>, String> {
    let backend = CanvasBackend::new(canvas_id)
        .ok_or_else(|| format!("no canvas with id {canvas_id:?} on the page"))?;
    Ok(backend.into_drawing_area())
}

fn describe<E: std::fmt::Debug>(error: E) -> String {
    format!("drawing failed: {error:?}")
}

/// Grouped bars: one group per atom, one bar per decomposition, value on top.
pub fn atoms(canvas_id: &str, series: &[AtomSeries], theme: &Theme) -> Result<(), String> {
    let root = canvas(canvas_id)?;
    root.fill(&theme.background()).map_err(describe)?;

    let values = |s: &AtomSeries| [s.R, s.U1, s.U2, s.S];
    let highest = series.iter().flat_map(values).fold(1.0_f64, f64::max);
    let lowest = series.iter().flat_map(values).fold(0.0_f64, f64::min);

    let mut chart = ChartBuilder::on(&root)
        .margin(theme.pixels(12.0))
        .x_label_area_size(theme.pixels(34.0))
        .y_label_area_size(theme.pixels(60.0))
        .build_cartesian_2d(0.0..4.0, lowest * 1.15..highest * 1.25)
        .map_err(describe)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc("bits")
        .axis_style(theme.ink())
        .max_light_lines(1)
        .light_line_style(theme.ink().mix(0.08))
        .bold_line_style(theme.ink().mix(0.25))
        .label_style(theme.font(13.0))
        .axis_desc_style(theme.font(13.0))
        .draw()
        .map_err(describe)?;

    let count = series.len().max(1) as f64;
    let width = 0.8 / count;
    for (index, one) in series.iter().enumerate() {
        let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
        for (atom, value) in values(one).into_iter().enumerate() {
            let left = atom as f64 + 0.1 + index as f64 * width;
            let bar = Rectangle::new([(left, 0.0), (left + width * 0.92, value)], colour.filled());
            let label = Text::new(
                bits(value),
                (left + width * 0.46, value.max(0.0) + highest * 0.045),
                theme.centred(if count > 1.0 { 11.0 } else { 14.0 }),
            );
            chart.draw_series([bar]).map_err(describe)?;
            chart.draw_series([label]).map_err(describe)?;
        }
        if series.len() > 1 {
            // A key of swatches in the top left, one per measure.
            let key_x = 0.1 + index as f64 * 0.9;
            let key_y = highest * 1.18;
            let swatch = Rectangle::new(
                [(key_x, key_y), (key_x + 0.12, key_y - highest * 0.07)],
                colour.filled(),
            );
            let label = Text::new(
                display_name(&one.measure).to_owned(),
                (key_x + 0.17, key_y),
                theme.font(13.0),
            );
            chart.draw_series([swatch]).map_err(describe)?;
            chart.draw_series([label]).map_err(describe)?;
        }
    }

    for (atom, name) in ATOM_NAMES.iter().enumerate() {
        let position = chart.backend_coord(&(atom as f64 + 0.5, lowest * 1.15));
        root.draw_text(
            name,
            &theme.centred(15.0),
            (position.0, position.1 + theme.pixels(14.0) as i32),
        )
        .map_err(describe)?;
    }
    root.present().map_err(describe)
}

/// One heatmap of p(x1, x2, y = k) per outcome k, on a shared colour scale.
pub fn table(canvas_id: &str, p: &Array3<f64>, theme: &Theme) -> Result<(), String> {
    let root = canvas(canvas_id)?;
    root.fill(&theme.background()).map_err(describe)?;

    let (n1, n2, ny) = p.dim();
    let highest = p.iter().cloned().fold(f64::MIN_POSITIVE, f64::max);
    let rows = if ny > 4 { 2 } else { 1 };
    let columns = ny.div_ceil(rows);
    let panels = root.split_evenly((rows, columns));

    for (y, panel) in panels.iter().enumerate().take(ny) {
        let mut chart = ChartBuilder::on(panel)
            .margin(theme.pixels(6.0))
            .caption(format!("y = {y}"), theme.font(13.0))
            .x_label_area_size(theme.pixels(20.0))
            .y_label_area_size(theme.pixels(38.0))
            .build_cartesian_2d(0.0..n2 as f64, 0.0..n1 as f64)
            .map_err(describe)?;

        // Row x1 = 0 on top, as in the table editor.
        let top = |x1: usize| (n1 - x1) as f64;
        let cells = (0..n1).flat_map(|x1| (0..n2).map(move |x2| (x1, x2)));
        chart
            .draw_series(cells.clone().map(|(x1, x2)| {
                let shade = ViridisRGB::get_color(p[[x1, x2, y]] / highest);
                let corners = [(x2 as f64, top(x1)), (x2 as f64 + 1.0, top(x1) - 1.0)];
                Rectangle::new(corners, shade.filled())
            }))
            .map_err(describe)?;

        let label = theme.centred(11.0);
        let below = theme.pixels(10.0) as i32;
        let beside = theme.pixels(17.0) as i32;
        let left = chart.backend_coord(&(0.0, 0.0)).0;
        let right = chart.backend_coord(&(1.0, 0.0)).0;
        let cell_width = (right - left).unsigned_abs();
        // Narrow cells get the bare value of x2 so that labels do not collide.
        let long_labels = cell_width >= theme.pixels(34.0);
        for x2 in 0..n2 {
            let (x, y) = chart.backend_coord(&(x2 as f64 + 0.5, 0.0));
            let text = if long_labels {
                format!("x2={x2}")
            } else {
                x2.to_string()
            };
            root.draw_text(&text, &label, (x, y + below))
                .map_err(describe)?;
        }
        for x1 in 0..n1 {
            let (x, y) = chart.backend_coord(&(0.0, top(x1) - 0.5));
            root.draw_text(&format!("x1={x1}"), &label, (x - beside, y))
                .map_err(describe)?;
        }

        if long_labels {
            for (x1, x2) in cells {
                let value = p[[x1, x2, y]];
                let ink = if value / highest > 0.55 { BLACK } else { WHITE };
                let centre = chart.backend_coord(&(x2 as f64 + 0.5, top(x1) - 0.5));
                root.draw_text(&bits(value), &theme.centred(11.0).color(&ink), centre)
                    .map_err(describe)?;
            }
        }
    }
    root.present().map_err(describe)
}

/// A value in bits to three decimals, without a sign on a rounded zero.
fn bits(value: f64) -> String {
    if value.abs() < 5e-4 {
        "0.000".to_owned()
    } else {
        format!("{value:.3}")
    }
}
