"""Security review as tests: bound SQL only, no raw HTML, markdown-safe user text, defusedxml, formula
injection neutralised, small-number suppression in extracts."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import openpyxl
import pandas as pd
from conftest import MANAGER, UseSettings, plan_today, run_page

from documents.extracts import suppress_small, to_csv_bytes, to_xlsx_bytes
from plan.model import Plan
from plan.settings import ROOT
from testkit import cli
from testkit.workbooks import filled, xlsx_bytes

PRODUCT = ["app.py", "pages", "ui", "documents", "etl", "warehouse", "cli", "demo", "queries", "access", "plan",
           "i18n", "bench", "testkit"]
SQL_CALLS = {"execute", "executemany", "sql", "query", "from_query"}


def product_files() -> list[Path]:
    files: list[Path] = []
    for name in PRODUCT:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def built_strings(tree: ast.AST) -> list[int]:
    """Lines where a SQL-running call gets an f-string, a % / + expression or a .format() call."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            first = node.args[0] if node.args else None
            formatted = isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) \
                and first.func.attr == "format"
            if isinstance(first, ast.JoinedStr | ast.BinOp) or formatted:
                lines.append(node.lineno)
    return lines


def test_no_string_built_sql_in_the_code() -> None:
    found = {str(p.relative_to(ROOT)): lines for p in product_files()
             if (lines := built_strings(ast.parse(p.read_text("utf-8"))))}
    assert found == {}


def test_the_scan_would_catch_string_built_sql() -> None:
    bad = ('con.execute(f"select * from t where u = \'{unit}\'")\n'
           'con.sql("select " + col)\ncon.execute("x {}".format(1))')
    assert built_strings(ast.parse(bad)) == [1, 2, 3]


def test_sql_files_bind_their_values() -> None:
    """No Python placeholders in queries/: values come in as $name parameters."""
    for path in (ROOT / "queries").rglob("*.sql"):
        text = path.read_text("utf-8")
        assert "%s" not in text and "{unit" not in text and "{period" not in text, path
        assert text.lstrip().startswith("--"), f"{path} must start with its grain/parameters comment"


# The places raw HTML is drawn: the sign-in form, which must post to the sign-in route (a script run cannot
# set an HttpOnly cookie), every value it interpolates escaped (tested below); and the style sheet that puts
# Streamlit's own widget texts in the chosen language, built from the catalogue with every character outside
# letters, digits and plain punctuation escaped (tests/test_builtin_texts.py).
RAW_HTML_ALLOWED = {("ui/auth.py", "st.html(form_html("),
                    ("ui/frame.py", 'st.html(f"<style>{builtin_texts_css(lang())}</style>")')}


def test_no_raw_html_anywhere() -> None:
    for path in product_files():
        text = path.read_text("utf-8")
        rel = path.relative_to(ROOT).as_posix()
        for allowed_file, call in RAW_HTML_ALLOWED:
            if rel == allowed_file:
                assert text.count("st.html(") == text.count(call) == 1, path
                text = text.replace(call, "")
        assert "unsafe_allow_html" not in text and "st.html(" not in text and "components.html" not in text, path


def test_the_sign_in_form_escapes_what_it_interpolates() -> None:
    from ui.session import form_html

    hostile = '/overview"><script>alert(1)</script>'
    page = form_html(hostile, message="<img src=x onerror=alert(2)>")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&quot;&gt;" in page and "&lt;img" in page


def test_xml_is_parsed_with_defusedxml_only() -> None:
    assert openpyxl.xml.DEFUSEDXML is True  # openpyxl itself uses defusedxml when installed
    for path in product_files():
        tree = ast.parse(path.read_text("utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in modules if m.startswith(("xml.", "lxml")) or m == "xml"}, path


def test_formula_like_text_is_neutralised_in_csv_and_xlsx() -> None:
    df = pd.DataFrame({"topic": ['=HYPERLINK("http://evil.example","x")', "+1", "@SUM(A1)", "-2", "ok"],
                       "n": [1, 2, 3, 4, 5]})
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n'+1" in text and "\n'@SUM" in text and "\nok," in text
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == '\'=HYPERLINK("http://evil.example","x")' for c in cells)


def test_small_ethnic_minority_counts_are_blanked_on_request() -> None:
    df = pd.DataFrame({"ethnic_minority": [0, 1, 4, 5, 12], "old_ethnic_minority": [3, 0, 9, 2, 1],
                       "ethnic_minority_share_pct": [0.0, 10.0, 20.0, 30.0, 40.0], "women": [1, 2, 3, 4, 4]})
    out = suppress_small(df, 5)
    assert out["ethnic_minority"].tolist() == [0, pd.NA, pd.NA, 5, 12]
    assert out["old_ethnic_minority"].tolist() == [pd.NA, 0, 9, pd.NA, pd.NA]
    assert out["women"].tolist() == [1, 2, 3, 4, 4] and out["ethnic_minority_share_pct"].tolist()[1] == 10.0
    assert suppress_small(df, 0) is df


def test_cli_export_suppresses_small_counts(demo_db: Path) -> None:
    def export(*extra: str) -> pd.DataFrame:
        done = cli.etl_bytes("export", "v_participation", "--db", demo_db, *extra)
        assert done.returncode == 0, done.stderr
        return pd.read_csv(io.BytesIO(done.stdout), encoding="utf-8-sig")

    full, safe = export(), export("--suppress-below", "10")
    small = full["ethnic_minority"].between(1, 9)
    assert small.any() and safe["ethnic_minority"][small].isna().all()
    assert (safe["ethnic_minority"][~small] == full["ethnic_minority"][~small]).all()


def test_page_downloads_follow_the_setting(use_settings: UseSettings, govap: Plan) -> None:
    from ui.activity import block

    table = pd.DataFrame({"unit_code": ["P01", "P03"], "ethnic_minority": [3, 40]})
    use_settings(GEPM_SUPPRESS_BELOW=5)
    shaped = block(table, {"unit_code": "Đơn vị", "ethnic_minority": "Người DTTS"}, "vi")
    assert shaped.download["Người DTTS"].tolist() == [pd.NA, 40]
    assert shaped.shown["Người DTTS"].tolist() == ["3", "40"]  # the screen is not an extract


def test_names_from_workbooks_cannot_inject_markdown(writable_env: Path, govap: Plan) -> None:
    """A prepared-by name with a markdown image and HTML shows as text in the reminder's contact line."""
    evil = "![x](http://evil.example/t.png) <img src=x onerror=alert(1)>"
    wb = filled(govap, "P16", "2024-Q3", info={"prepared_by": evil})
    at = run_page("upload", period_code="2024-Q3", **MANAGER)
    at.file_uploader[0].set_value([("p16.xlsx", xlsx_bytes(wb), "application/octet-stream")])
    next(b for b in at.button if b.label == "Kiểm tra và nạp").click()
    at = at.run()
    assert list(at.dataframe[0].value["Kết quả"]) == ["Phiên bản mới"]
    rp = run_page("reporting", period_code="2024-Y", as_of=plan_today())
    pick = next(b for b in rp.selectbox if str(b.key).startswith("rp_message_"))
    [label] = [o for o in pick.options if "Phường 16" in o]
    assert evil in label  # the unit picker shows it as plain text: options are neither markdown nor HTML
    assert not any("evil.example" in m.value for m in rp.markdown)  # and no markdown on the page carries it
