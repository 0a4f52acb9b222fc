"""The ``mutinfo`` command-line interface (Typer): thin shells over the API."""
