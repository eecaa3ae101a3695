"""caseledger, the command line: `cli.py` (the Typer app) and `commands/` (its command groups).

Installed as the package `caseledger`, so nothing generic (`cli`, `commands`) lands in
site-packages; the library is the package `ledger`.
"""
