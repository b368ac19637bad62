"""The one catalogue of user-facing text, Vietnamese first, English second."""

from i18n.catalog import CATALOG, Lang, t

__all__ = ["CATALOG", "Lang", "t"]
