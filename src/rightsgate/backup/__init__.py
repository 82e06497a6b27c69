"""Backups: every table in one portable, checksummed file, restored all or nothing."""
