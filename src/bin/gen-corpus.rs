//! Placeholder while the generator is being written.
fn main() {}
