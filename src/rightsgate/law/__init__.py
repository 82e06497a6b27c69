"""The law as data: treaty citations, offence taxonomy, policies and state profiles."""
