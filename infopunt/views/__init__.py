"""Views of the public infopunt, one module per area."""
