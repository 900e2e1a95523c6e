//! How the hex view pages through the data: which page a byte is on. Its own module, so that the
//! state (which keeps the page) and the view (which draws it) both use it without using each other.

/// Bytes per page of the hex view.
pub const PAGE: usize = 256;

/// The first byte of the page that holds byte `offset` of data `len` bytes long (the last page
/// when `offset` is past the end).
pub fn page_start(offset: usize, len: usize) -> usize {
    offset.min(len.saturating_sub(1)) / PAGE * PAGE
}
