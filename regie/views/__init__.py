"""The regisseur's pages under /regie/, one module per part (dashboard, overlap, coverage,
signals, messages, report)."""
