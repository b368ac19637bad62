"""The one catalogue of user-facing text, Vietnamese first, English second."""

from i18n.catalog import CATALOG, Lang, t
from i18n.errors import GepmError

__all__ = ["CATALOG", "GepmError", "Lang", "t"]
