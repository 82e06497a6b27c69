"""Demonstration data: clearly fictional requests, users and cases for `make demo`."""
