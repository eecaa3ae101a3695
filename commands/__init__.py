"""The command line's pieces: each module parses options, calls the library and renders.

No business rules live here; they are in `ledger/`.
"""
