"""Run the command line: ``python -m pharma_outsourcing``."""

from pharma_outsourcing._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
