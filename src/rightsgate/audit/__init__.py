"""The audit trail: typed events, an append-only table and a SHA-256 hash chain."""
