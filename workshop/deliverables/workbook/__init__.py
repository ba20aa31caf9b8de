"""The initial scorecard as a workbook (XLSX) and as CSV, the sheets teams report against (sheets.py)."""
