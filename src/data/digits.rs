//! The 8x8 handwritten digits: 1,797 small grey-level images of the digits
//! 0 to 9, bundled in the crate so the demos need no download.
//!
//! The images are the test part of the UCI "Optical Recognition of
//! Handwritten Digits" data set (E. Alpaydin and C. Kaynak, 1998), the same
//! 1,797 samples that scikit-learn ships as `load_digits()`. Each image was
//! scanned as a 32x32 black-and-white bitmap and cut into 4x4 blocks; a pixel
//! here counts the ink in one block, so it is an integer from 0 (blank) to 16
//! (all ink).
//!
//! The demos of fusion and coordination treat the left and the right half of
//! each image as two modalities of the same digit: see [`Digits::halves`].
//!
//! Source: <https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits>,
//! licensed under CC BY 4.0. The byte format of the bundled file, and how to
//! regenerate it, are in `src/data/digits/README.md`.

use ndarray::{Array2, Axis};

/// Number of images.
pub const SAMPLES: usize = 1797;

/// Pixels along each side of an image.
pub const SIDE: usize = 8;

/// Pixels in an image, in row-major order.
pub const PIXELS: usize = SIDE * SIDE;

/// The largest pixel value: a 4x4 block that is all ink.
pub const MAX_PIXEL: u8 = 16;

/// One record of `digits.bin`: the label, 32 bytes of nibbles holding
/// `min(v, 15)` for the 64 pixels, and 8 bytes marking the pixels equal to 16
/// (which a nibble cannot hold).
const RECORD_BYTES: usize = 1 + PIXELS / 2 + PIXELS / 8;

const DIGITS_BIN: &[u8] = include_bytes!("digits/digits.bin");

// A truncated or regenerated-wrong file stops the build instead of a page.
const _: () = assert!(DIGITS_BIN.len() == SAMPLES * RECORD_BYTES);

/// The digits images and their labels, in the order of the original data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Digits {
    /// One image per row, `SAMPLES x PIXELS`, pixels in row-major order with
    /// the raw values `0.0..=16.0`.
    pub images: Array2<f32>,
    /// The digit each image shows, `0..=9`, one per row of `images`.
    pub labels: Vec<u8>,
}

/// Decodes the bundled data set: one pass over 74 kB, cheap enough to call
/// wherever the data is needed rather than keeping a copy around.
pub fn load() -> Digits {
    let mut images = Array2::<f32>::zeros((SAMPLES, PIXELS));
    let mut labels = Vec::with_capacity(SAMPLES);

    for (record, mut image) in DIGITS_BIN.chunks_exact(RECORD_BYTES).zip(images.rows_mut()) {
        let (label, pixels) = record.split_at(1);
        let (nibbles, sixteens) = pixels.split_at(PIXELS / 2);
        labels.push(label[0]);

        for (index, value) in image.iter_mut().enumerate() {
            let byte = nibbles[index / 2];
            let nibble = if index % 2 == 0 {
                byte >> 4
            } else {
                byte & 0x0f
            };
            let is_sixteen = (sixteens[index / SIDE] >> (SIDE - 1 - index % SIDE)) & 1;
            *value = f32::from(nibble + is_sixteen);
        }
    }

    Digits { images, labels }
}

impl Digits {
    /// Splits every image down the middle into two modalities: the left half
    /// (columns 0 to 3 of each row) and the right half (columns 4 to 7),
    /// scaled to `[0, 1]` by dividing by 16.
    ///
    /// # Shapes
    ///
    /// ```text
    /// images: SAMPLES x 64   ->   left: SAMPLES x 32,   right: SAMPLES x 32
    /// left[n, 4 * row + column] = images[n, 8 * row + column] / 16
    /// right[n, 4 * row + column] = images[n, 8 * row + 4 + column] / 16
    /// ```
    ///
    /// # Panics
    ///
    /// If `images` has fewer than 64 columns, which only happens when a
    /// caller has replaced it.
    pub fn halves(&self) -> (Array2<f32>, Array2<f32>) {
        let half = |first_column: usize| {
            let columns: Vec<usize> = (0..SIDE)
                .flat_map(|row| (0..SIDE / 2).map(move |column| SIDE * row + first_column + column))
                .collect();
            self.images.select(Axis(1), &columns) / f32::from(MAX_PIXEL)
        };

        (half(0), half(SIDE / 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::s;

    #[test]
    fn has_1797_images_of_64_pixels() {
        let digits = load();

        assert_eq!(digits.images.dim(), (1797, 64));
        assert_eq!(digits.labels.len(), 1797);
    }

    #[test]
    fn class_counts_match_scikit_learn() {
        // The per-class counts that scikit-learn's documentation of
        // load_digits gives for digits 0 to 9.
        let expected = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
        let mut counts = [0; 10];

        for &label in &load().labels {
            counts[usize::from(label)] += 1;
        }

        assert_eq!(counts, expected);
    }

    #[test]
    fn first_image_is_the_well_known_zero() {
        // digits.images[0] as printed in scikit-learn's documentation.
        let digits = load();
        let first = digits.images.row(0);

        assert_eq!(digits.labels[0], 0);
        assert_eq!(
            first.slice(s![0..8]).to_vec(),
            [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]
        );
        assert_eq!(
            first.slice(s![8..16]).to_vec(),
            [0.0, 0.0, 13.0, 15.0, 10.0, 15.0, 5.0, 0.0]
        );
    }

    #[test]
    fn every_pixel_is_an_ink_count_from_0_to_16() {
        let digits = load();

        assert!(
            digits
                .images
                .iter()
                .all(|&value| (0.0..=16.0).contains(&value) && value.fract() == 0.0)
        );
        // Full blocks are common in the data; if none decoded as 16, the
        // marks for 16 in the file were lost.
        assert!(digits.images.iter().any(|&value| value == 16.0));
    }

    #[test]
    fn halves_reassemble_into_the_image() {
        let digits = load();
        let (left, right) = digits.halves();

        assert_eq!(left.dim(), (1797, 32));
        assert_eq!(right.dim(), (1797, 32));
        for (n, image) in digits.images.rows().into_iter().enumerate() {
            for row in 0..SIDE {
                for column in 0..SIDE / 2 {
                    assert_eq!(left[[n, 4 * row + column]] * 16.0, image[8 * row + column]);
                    assert_eq!(
                        right[[n, 4 * row + column]] * 16.0,
                        image[8 * row + 4 + column]
                    );
                }
            }
        }
    }

    #[test]
    fn halves_are_scaled_to_the_unit_interval() {
        let (left, right) = load().halves();

        assert!(
            left.iter()
                .chain(right.iter())
                .all(|&value| (0.0..=1.0).contains(&value))
        );
    }
}
