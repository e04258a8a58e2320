"""pmo: the CSTP portfolio office tool (YAML in git -> checks, analysis, reports, TUI)."""

__version__ = "0.1.0"
