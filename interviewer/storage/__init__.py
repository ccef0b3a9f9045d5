"""Persistence through SQLAlchemy: SQLite by default, any SQLAlchemy URL by configuration."""
