"""Transparency reports: figures per period from one read-only query, protected and verifiable."""
