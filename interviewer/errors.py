"""The one base class for mistakes a user can fix.

A `UserError` is printed as one line at the command line (no traceback) and shown as one
clear message in the UI. This module imports nothing, so reporting an error costs nothing:
the command line catches `UserError` without loading the rest of the application.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user (candidate, coach, operator) must do differently; the message
    says what, in words that are safe to show them."""
