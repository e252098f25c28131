"""Views of /vrijwilligers/, one module per part."""
