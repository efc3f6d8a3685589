"""Prefect flows: thin bodies over the pipeline's small tasks."""
