"""Public regulatory records: FDA's exports read (``fda``), and matched to partners (``match``)."""
