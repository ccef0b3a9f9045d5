"""The interview: plan, question selection, loop guards, the state machine and the report."""
