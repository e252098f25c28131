"""Views of the sociale kaart, one module per area."""
