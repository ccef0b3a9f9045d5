"""The live coding round: problems as data, the sandbox, the judge, the coding score."""
