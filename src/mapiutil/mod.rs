//! The MAPI utility model: property values, their comparison, restrictions, sort orders, the property bag
//! behind `CreateIProp` and the table behind `CreateTable`. Pure Rust apart from [`cabi`](crate::mapiutil::cabi), which reads MAPI's
//! C structures into this model and writes results back into MAPI-allocated memory.
//!
//! The C surface (the `mapiutil.h` functions and the `IPropData`/`ITableData`/`IMAPITable` objects) lives in
//! `ffi::mapiutil` and `ffi::mapiobj`.

pub mod cabi;
pub mod compare;
pub mod propbag;
pub mod restriction;
pub mod table;
pub mod tags;
pub mod value;
