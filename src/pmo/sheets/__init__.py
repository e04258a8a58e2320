"""Spreadsheets: the portfolio's registers out as XLSX and CSV (openpyxl kept to this package)."""
