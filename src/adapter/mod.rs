//! Front-end adapters: turn a page into a `Snapshot`.

#[cfg(feature = "html")]
pub mod charset;
#[cfg(feature = "html")]
pub mod html;
