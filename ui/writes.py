"""The one way the dashboard writes: require the role, open for writing, do it (it audits), close.

Returns None when done, or the message to show: refused, the warehouse busy or unusable, or the
action's own refusal. Nothing is written in any of those cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from access.roles import Action, Forbidden, Identity, require
from i18n import GepmError, t
from ui.i18n import lang
from ui.reads import db_path, plans
from warehouse.db import WarehouseBusy, WarehouseUnavailable, writing


def write(identity: Identity | None, need: Action, action: Callable[..., object], *args: Any,
          as_identity: bool = False) -> str | None:
    """action(con, *args, who) on a short write connection, as the signed-in person: who is the audit name,
    or the Identity itself for actions that check the role again (as_identity). Page reads meanwhile share
    the connection (warehouse.db.writing)."""
    try:
        who = require(identity, need)
    except Forbidden:
        return t("auth.forbidden", lang())
    opened = False
    try:
        with writing(db_path(), plans(), "write") as con:
            opened = True
            action(con, *args, who if as_identity else who.audit_name)
    except GepmError as exc:  # the warehouse could not be opened; or the action's own refusal
        if not opened and isinstance(exc, WarehouseUnavailable):
            return t("app.warehouse_unavailable", lang(), path=db_path(), detail=exc.detail[:200])
        if not opened and isinstance(exc, WarehouseBusy):
            return t("up.busy", lang())
        return exc.message(lang())
    return None
