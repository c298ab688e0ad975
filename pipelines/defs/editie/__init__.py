"""The edition: which reporting month this run publishes, what it rests on,
whether it is complete."""
