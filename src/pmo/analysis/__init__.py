"""The three portfolio questions: pure functions of (portfolio data, period), no clock, no I/O."""
