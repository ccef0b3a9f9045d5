"""The candidate's own projects: read a CV or README, extract a profile, ask about it."""
