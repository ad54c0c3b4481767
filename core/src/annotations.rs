//! TODO(analysis helper)
