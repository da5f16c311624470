"""Volume drivers shipped with cinderlite."""
