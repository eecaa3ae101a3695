"""Printable pages (SPEC §11): self-contained HTML with inline CSS and SVG, laid out for A4.

Pure functions from the very data a report prints as JSON to the text of one page, so a test
can check that every figure of the JSON is on the page. Imported only by `--format html`.

- `html`: escaping, the page frame (CSS, heading), tables, how a figure is written.
- `svg`: the charts (bars with patterns and labels: readable in black and white).
- `reports`: the report pages; `cards`: the contact cards.
"""
