"""Cases: one per request, with its assessments (advice), decisions, transitions and letters."""
