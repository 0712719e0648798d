"""``python -m qa`` runs the CLI."""

from qa.cli import run

run()
