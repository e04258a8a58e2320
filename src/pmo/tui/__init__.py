"""The Textual terminal UI (the only layer that imports textual)."""
