"""Scoring: schemas shared by every brain, and the offline scorers."""
