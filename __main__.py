"""`python -m caseledger`: the same as the `caseledger` command."""

from caseledger.cli import main

main()
