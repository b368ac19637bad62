"""What every command shares and nothing heavy: the usage error, messages on stderr, the plans asked for (their
modules, yaml and pydantic, imported when they are read: a load has its workers started by then)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from i18n import GepmError, t
from plan.settings import settings

if TYPE_CHECKING:
    from plan.model import Plan


class UsageError(GepmError):
    """Wrong arguments: exit code 2."""


def say(key: str, **params: object) -> None:
    """A message for people, on stderr, Vietnamese then English."""
    print(f"{t(key, 'vi', **params)} / {t(key, 'en', **params)}", file=sys.stderr)


def plans_of(args: argparse.Namespace) -> tuple[dict[str, Plan], Plan]:
    """The plans of --plans and the one asked for (--plan, else the default, else the first)."""
    from plan.load import load_plans  # imported when the plans are read: see the module docstring

    plans = load_plans(args.plans)
    plan_id = args.plan or settings().default_plan
    if plan_id not in plans:
        plan_id = next(iter(plans))
    return plans, plans[plan_id]
