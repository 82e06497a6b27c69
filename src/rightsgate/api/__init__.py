"""The JSON API: thin routes over the service functions."""
