//! Front-end adapters: turn a page into a `Snapshot`.

#[cfg(feature = "charset")]
pub mod charset;
#[cfg(feature = "html")]
pub mod html;
