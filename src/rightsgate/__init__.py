"""rightsgate: human-rights safeguards for cross-border requests for electronic evidence."""

__version__ = "0.1.0"
