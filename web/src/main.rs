//! Binary for trunk: the playground's wasm entry point.

fn main() {
    depyler_web::start();
}
