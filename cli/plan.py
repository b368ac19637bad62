"""python -m etl plan new | plan check: a new plan year carried forward, and a plan file explained."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from cli.console import UsageError, say
from i18n import Lang, t
from plan.carry import NewYear, Note, carry_forward, dump_plan
from plan.crosswalk import Crosswalk, load_crosswalk, plan_unit, replaced_codes
from plan.diagnose import Mistake, diagnose, diagnose_raw, read_raw
from plan.load import SAFE_LOADER


def _usage(key: str, **params: object) -> UsageError:
    return UsageError(key, **params)


def _explain(path: Path, mistakes: list[Mistake]) -> None:
    for m in mistakes:
        key = f"plan.check.{m.code}"
        print(f"{path}: {m.key}: {t(key, 'vi', **m.params)} / {t(key, 'en', **m.params)}", file=sys.stderr)


def _id_taken(path: Path, plan_id: str, folder: Path) -> list[Mistake]:
    """Another file in the plans folder already uses this id."""
    for other in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []:
        if other.resolve() == path.resolve():
            continue
        raw, _ = read_raw(other)
        if isinstance(raw, dict) and raw.get("plan_id") == plan_id:
            return [Mistake("plan_id", "id_taken", {"value": plan_id, "other": str(other)})]
    return []


def cmd_plan_check(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise _usage("cli.path_missing", path=args.file)
    plan, mistakes = diagnose(args.file)
    if plan is not None:
        mistakes += _id_taken(args.file, plan.plan_id, Path(args.plans))
    if mistakes:
        _explain(args.file, mistakes)
        say("cli.plan_mistakes", path=args.file, n=len(mistakes))
        return 1
    assert plan is not None
    say("cli.plan_ok", plan_id=plan.plan_id, units=len(plan.units), indicators=len(plan.indicators),
        periods=len(plan.periods))
    return 0


def _source(args: argparse.Namespace) -> tuple[Path, dict[str, Any]]:
    """The source plan's file and raw mapping: a path, or a plan id found in the plans folder."""
    given = Path(args.source)
    candidates = [given] if given.is_file() else sorted(Path(args.plans).glob("*.y*ml"))
    for path in candidates:
        raw, _ = read_raw(path)
        if isinstance(raw, dict) and (path == given or raw.get("plan_id") == args.source):
            return path, raw
    raise _usage("cli.plan_unknown_source", value=args.source, plans=args.plans)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _crosswalk_units(args: argparse.Namespace, crosswalk: Crosswalk, first: date) -> list[dict[str, Any]]:
    units = crosswalk.units_on(first)
    if not units:
        raise _usage("cli.plan_no_units", day=first)
    only = [c.strip() for c in args.only.split(",")] if args.only else []
    if not only and args.area:
        only = [u.code for u in units if _norm(u.name_vi) == _norm(args.area)]
    unknown = [c for c in only if c not in {u.code for u in units}]
    if unknown:
        raise _usage("cli.plan_unknown_units", codes=", ".join(unknown), day=first,
                     allowed=", ".join(u.code for u in units))
    return [plan_unit(u) for u in units if not only or u.code in only]


def _given_units(path: Path) -> list[dict[str, Any]]:
    """A YAML list of units shaped as in a plan file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not (isinstance(data, list) and data and all(isinstance(u, dict) for u in data)):
        raise _usage("cli.plan_bad_units", path=path)
    return data


def _spec(args: argparse.Namespace, raw: dict[str, Any]) -> NewYear:
    old = int(raw["year"])
    first = date(args.year, 1, 1)
    if args.units:
        units, replaces = _given_units(args.units), {str(u["code"]) for u in raw["units"] if u.get("type") == "ward"}
    else:
        crosswalk = load_crosswalk(args.crosswalk)
        units, replaces = _crosswalk_units(args, crosswalk, first), replaced_codes(crosswalk, raw["units"])
    one = units[0] if len(units) == 1 else None
    area_vi = args.area or (str(one["name_vi"]) if one else str(raw["area_vi"]))
    area_en = args.area_en or (str(one["name_en"]) if one else (str(raw["area_en"]) if not args.area else area_vi))
    plan_id = args.plan_id or (re.sub(str(old), str(args.year), str(raw["plan_id"])) if str(old) in str(raw["plan_id"])
                               else f"{raw['plan_id']}-{args.year}")
    return NewYear(year=args.year, plan_id=plan_id, area_vi=area_vi, area_en=area_en, units=units,
                   replaces=replaces, until=args.until)


def _header(args: argparse.Namespace, source: Path, old: int, spec: NewYear, notes: list[Note]) -> list[str]:
    units = str(args.units) if args.units else args.crosswalk.name
    params = {"plan_id": spec.plan_id, "source": source.name, "years": spec.year - old, "old": old, "units": units}
    keys = (["plan.header_example"] if args.example else []) + ["plan.header_source", "plan.header_dates"]
    lines = [t(k, lang, **params) for k in keys for lang in ("vi", "en")]
    return lines + ([""] + [f"{n.key}: {_note(n, 'vi')} / {_note(n, 'en')}" for n in notes] if notes else [])


def _note(note: Note, lang: Lang) -> str:
    return t(f"plan.note.{note.code}", lang, **note.params)


def cmd_plan_new(args: argparse.Namespace) -> int:
    source, raw = _source(args)
    spec = _spec(args, raw)
    new_raw, notes = carry_forward(raw, spec)
    out = args.output or Path(args.plans) / f"{spec.plan_id}.yaml"
    if out.exists() and not args.force:
        raise _usage("cli.plan_exists", path=out)
    _, mistakes = diagnose_raw(new_raw)
    if mistakes:
        say("cli.plan_not_valid")
        _explain(out, mistakes)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_plan(new_raw, _header(args, source, int(raw["year"]), spec, notes)), encoding="utf-8")
    for n in notes:
        vi, en = (t("cli.plan_notes", lang, note=f"{n.key}: {_note(n, lang)}") for lang in ("vi", "en"))
        print(f"{vi} / {en}", file=sys.stderr)
    say("cli.plan_written", plan_id=spec.plan_id, units=len(new_raw["units"]), path=out)
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    return cmd_plan_new(args) if args.plan_command == "new" else cmd_plan_check(args)
