"""The error a plan file that cannot be used raises: apart from the loader, so that catching it (the command line
does, around every verb) does not import yaml and pydantic."""

from __future__ import annotations

from i18n.errors import GepmError


class PlanError(GepmError):
    """A plan file that cannot be used; the message names file, key and problem."""
