"""Exports: transcripts and reports as Markdown, JSON and PDF."""
