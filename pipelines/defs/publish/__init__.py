"""Publication: the analysts' read-only snapshot (DuckDB + Parquet) built at the end of each run."""
