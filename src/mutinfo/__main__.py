"""``python -m mutinfo`` runs the command-line interface."""

from mutinfo.cli.app import main

main()
