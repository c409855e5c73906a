//! Chaff's core: classifies the blocks of an article page as the article or
//! as chrome (paywall teasers, app promotions, link farms, ...), whatever
//! front end built the page's snapshot.

pub mod adapter;
pub mod classify;
#[cfg(all(target_arch = "wasm32", feature = "dom"))]
pub mod dom;
#[cfg(feature = "charset")]
pub mod eval;
pub mod label;
pub mod output;
#[cfg(feature = "charset")]
pub mod page;
pub mod policy;
pub mod snapshot;
pub mod wire;

pub use classify::{classify, Classification};
pub use label::{Block, Label};
pub use snapshot::Snapshot;
#[cfg(feature = "python")]
mod python;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
