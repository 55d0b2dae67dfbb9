//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
