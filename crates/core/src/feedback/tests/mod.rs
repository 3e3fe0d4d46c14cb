//! Tests of the feedback engine: hand-computed values (the arithmetic is in
//! the comments) and properties.

mod aggregate;
mod alert;
mod change;
mod load;
mod packs;
mod score;
mod trajectory;
