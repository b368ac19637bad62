"""User-facing text of the activity pages: key -> (Vietnamese, English). Part of the one catalogue (i18n.CATALOG)."""

TEXT: dict[str, tuple[str, str]] = {
}
