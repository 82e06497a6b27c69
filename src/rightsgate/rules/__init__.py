"""The safeguards engine: pure rule functions over a request and the law in force on a date."""
