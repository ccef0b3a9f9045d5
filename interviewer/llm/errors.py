"""Errors in how a model is being called, as opposed to the model failing.

A model that times out or answers badly is a model failure: the turn falls back to the
offline engine, labelled. A harness problem (a replay with no recording, say) must never be
hidden that way, so brains re-raise these.
"""


class HarnessError(RuntimeError):
    pass
