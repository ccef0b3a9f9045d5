"""A coach's own question banks: reading, deriving key points, storing."""
