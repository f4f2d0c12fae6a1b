"""`lint-request serve`: a local server speaking LanguageTool's HTTP API v2."""
