"""Faithful re-creations of the five seed reports, rendered to the bundled demo documents."""
