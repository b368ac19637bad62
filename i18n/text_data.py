"""User-facing text of the data pages: key -> (Vietnamese, English). Part of the one catalogue (i18n.CATALOG)."""

TEXT: dict[str, tuple[str, str]] = {
}
