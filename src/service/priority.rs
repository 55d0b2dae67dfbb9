//! The Partnership Agreement's priority projects for each year.
