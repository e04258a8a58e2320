"""The monthly DMT report: report data (pure) -> renderers (Markdown, HTML with SVG charts)."""
