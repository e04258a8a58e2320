"""Presentation: the one place that turns numbers, dates, lists and user text into words."""
