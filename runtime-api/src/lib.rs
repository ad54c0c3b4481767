//! Local Lambda Runtime API.
