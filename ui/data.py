"""The read layer's former name: ui.reads holds it now; these names stay importable from here."""

from ui.reads import NoWarehouse, WarehouseBusy, cache_key, data_version, db_path, frame, plans

__all__ = ["NoWarehouse", "WarehouseBusy", "cache_key", "data_version", "db_path", "frame", "plans"]
