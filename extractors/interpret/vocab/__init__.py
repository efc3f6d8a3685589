"""The interpretation vocabulary: TOML files beside this package, loaded once, compiled and checked at import."""
