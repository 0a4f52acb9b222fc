"""``python -m mutinfo`` runs the command-line interface."""

from mutinfo.cli import main

main()
