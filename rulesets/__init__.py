"""Rule data shipped with lint-request: one TOML file per rule, grouped by language."""
