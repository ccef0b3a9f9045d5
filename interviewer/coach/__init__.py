"""The coach's desk: reviewing sessions, overriding scores, exporting labelled data."""
