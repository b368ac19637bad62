"""The staged tables as Arrow schemas: etl.load.staging's column names with their types, for code that builds
them as Arrow tables (the national-size benchmark, the portable-query tests). A load never imports pyarrow."""

from __future__ import annotations

import pyarrow as pa

from etl.load import staging

S, D, I32, I64, B = pa.string(), pa.date32(), pa.int32(), pa.int64(), pa.bool_()
TS = pa.timestamp("us", tz="UTC")


def _schema(names: tuple[str, ...], types: tuple[pa.DataType, ...]) -> pa.Schema:
    return pa.schema(list(zip(names, types, strict=True)))


SUBMISSIONS = _schema(staging.SUBMISSIONS, (I32, S, S, S, I32, B, S, S, TS, D, B, S, S, S, I32))
VALUES = _schema(staging.VALUES, (I32, S, I64, I64, I64, I64, S, I32))
ACTIVITIES = _schema(staging.ACTIVITIES, (I32, I32, D, S, S, S, I64, I64, I64, I64, I64, S, S, I32, S, I64, S))
DETAILS = _schema(staging.DETAILS, (I32, S, D, D, S, S, D, B, S, B, B, B))
TASKS = _schema(staging.TASKS, (I32, S, S, I64, I64, I64, I64, S, S, S, S, S, I32))
BUDGET = _schema(staging.BUDGET, (I32, S, I64, I64, I64, I64, S, I32))
CASES = _schema(staging.CASES, (I32, S, I64, I64, I64, S, I32))
LOAD_FILES = _schema(staging.LOAD_FILES, (I32, I32, S, S, S, I32, S, S, I32))
PROBLEMS = _schema(staging.PROBLEMS, (I32, I32, I32, S, I32, S, S, S, S, S, S))
