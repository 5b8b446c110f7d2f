"""Extreme command arguments: each is a one-line usage error (exit 2) or a clear exit 1, never a traceback.

Dates outside the supported range, non-ASCII digits, review --out inside the workspace, counts out of
range, names that already exist: every case checks the exact message, that no traceback appears, that
the run takes under 10 s and, where something could be written, that nothing was. Commands run
in-process through cxgov.cli.main (tests/cli_run.py): a traceback would fail the test as an exception.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import cli_run
import pytest
from cli_run import Ran
from workspaces import INVALID, MINIMAL, build_workspace

from cxgov.dates import DATE_RANGE, MONTH_RANGE

SECONDS = 10


def cxgov(*args: str, cwd: Path) -> Ran:
    """Run `cxgov ARGS` in cwd; check that it was quick and printed no traceback."""
    start = time.monotonic()
    run = cli_run.cxgov(*args, cwd=cwd)
    assert time.monotonic() - start < SECONDS, f"cxgov {' '.join(args)[:80]} took too long"
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    return run


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """valid/minimal at tmp_path/ws (commands run in tmp_path)."""
    return build_workspace(tmp_path / "ws")


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _usage(run: Ran, line: str) -> None:
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == line + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("status", "ws", "--as-of", "9999-12-31"),
            f"cxgov status: --as-of: expected {DATE_RANGE}, found '9999-12-31'",
        ),
        (
            ("status", "ws", "--as-of", "0001-01-01"),
            f"cxgov status: --as-of: expected {DATE_RANGE}, found '0001-01-01'",
        ),
        (
            ("status", "ws", "--as-of", "1899-12-31"),
            f"cxgov status: --as-of: expected {DATE_RANGE}, found '1899-12-31'",
        ),
        (
            ("status", "ws", "--as-of", "2200-01-01"),
            f"cxgov status: --as-of: expected {DATE_RANGE}, found '2200-01-01'",
        ),
        (
            ("status", "ws", "--as-of", "٢٠٢٦-١١-٠١"),  # Arabic-Indic digits, which date.fromisoformat() takes
            "cxgov status: --as-of: expected a date YYYY-MM-DD, found '٢٠٢٦-١١-٠١'",
        ),
        (
            ("status", "ws", "--as-of", "２０２６-１１-０１"),
            "cxgov status: --as-of: expected a date YYYY-MM-DD, found '２０２６-１１-０１'",
        ),
        (
            ("status", "ws", "--as-of", "2026-11-1"),
            "cxgov status: --as-of: expected a date YYYY-MM-DD, found '2026-11-1'",
        ),
        (("status", "ws", "--as-of", ""), "cxgov status: --as-of: expected a date YYYY-MM-DD, found ''"),
        (
            ("status", "ws", "--as-of", "2026-11-01\x1b[2J"),
            "cxgov status: --as-of: expected a date YYYY-MM-DD, found '2026-11-01\\x1b[2J'",
        ),
        (
            ("status", "ws", "--as-of", "1" * 5000),
            f"cxgov status: --as-of: expected a date YYYY-MM-DD, found '{'1' * 57}...'",
        ),
        (
            ("signals", "ws", "--as-of", "9999-12-31"),
            f"cxgov signals: --as-of: expected {DATE_RANGE}, found '9999-12-31'",
        ),
        (
            ("new", "committee", "ops", "--workspace", "ws", "--launch", "9999-12-01"),
            f"cxgov new: --launch: expected {DATE_RANGE}, found '9999-12-01'",
        ),
        (
            ("new", "committee", "ops", "--workspace", "ws", "--launch", "٢٠٢٦-١١-٠١"),
            "cxgov new: --launch: expected a date YYYY-MM-DD, found '٢٠٢٦-١١-٠١'",
        ),
        (
            ("review", "--workspace", "ws", "--month", "0000-01"),
            f"cxgov review: --month: expected {MONTH_RANGE}, found '0000-01'",
        ),
        (
            ("review", "--workspace", "ws", "--month", "9999-12"),
            f"cxgov review: --month: expected {MONTH_RANGE}, found '9999-12'",
        ),
        (
            ("review", "--workspace", "ws", "--month", "2026-13"),
            "cxgov review: --month: expected a month YYYY-MM, found '2026-13'",
        ),
        (
            ("review", "--workspace", "ws", "--month", "2026-1"),
            "cxgov review: --month: expected a month YYYY-MM, found '2026-1'",
        ),
        (
            ("review", "--workspace", "ws", "--month", " 2026-11"),
            "cxgov review: --month: expected a month YYYY-MM, found ' 2026-11'",
        ),
        (("review", "--workspace", "ws", "--month", ""), "cxgov review: --month: expected a month YYYY-MM, found ''"),
        (
            ("review", "--workspace", "ws", "--month", "٢٠٢٦-١١"),
            "cxgov review: --month: expected a month YYYY-MM, found '٢٠٢٦-١١'",
        ),
        (
            ("review", "--workspace", "ws", "--month", "２０２６-１１"),
            "cxgov review: --month: expected a month YYYY-MM, found '２０２６-１１'",
        ),
    ],
    ids=lambda v: " ".join(v)[:60] if isinstance(v, tuple) else None,
)
def test_a_date_or_month_argument_outside_the_format_or_range_is_a_usage_error(
    ws: Path, args: tuple[str, ...], message: str
) -> None:
    before = _files(ws)
    _usage(cxgov(*args, cwd=ws.parent), message)
    assert _files(ws) == before


@pytest.mark.parametrize("as_of", ["1900-01-01", "2199-12-31"])
def test_the_ends_of_the_supported_range_are_accepted(ws: Path, as_of: str) -> None:
    for command in ("status", "signals", "remind"):
        run = cxgov(command, "ws", "--as-of", as_of, cwd=ws.parent)
        assert (run.returncode, run.stderr) == (0, ""), run.stderr


@pytest.mark.parametrize("launch", ["1900-01-01", "2199-12-31"])
def test_a_committee_launched_at_an_end_of_the_range_validates(ws: Path, launch: str) -> None:
    run = cxgov("new", "committee", "ops", "--workspace", "ws", "--launch", launch, cwd=ws.parent)
    assert (run.returncode, run.stderr) == (0, ""), run.stdout + run.stderr
    assert f"launch: {launch} " in (ws / "ops" / "committee.yaml").read_text(encoding="utf-8")
    run = cxgov("status", "ws", "--as-of", launch, cwd=ws.parent)
    assert run.returncode == 0, run.stderr


def test_review_out_inside_the_workspace_is_refused_and_nothing_is_written(ws: Path) -> None:
    tmp = ws.parent
    (tmp / "link-to-ws").symlink_to("ws", target_is_directory=True)
    (tmp / "reports").mkdir()
    (tmp / "reports" / "2026-11").symlink_to("../ws", target_is_directory=True)
    before = _files(ws)
    expected = (
        "is inside the workspace ws; review pages are not workspace data, write them elsewhere (e.g. --out reports)"
    )
    for out in ("ws", "ws/reports", "ws/cx", "link-to-ws/reports", "reports"):
        run = cxgov("review", "--workspace", "ws", "--month", "2026-11", "--out", out, cwd=tmp)
        _usage(run, f"cxgov review: --out: {out} {expected}")
    run = cxgov("review", "--workspace", "link-to-ws", "--month", "2026-11", "--out", "ws/x", cwd=tmp)
    _usage(run, f"cxgov review: --out: ws/x {expected.replace('workspace ws', 'workspace link-to-ws')}")
    assert _files(ws) == before
    assert cxgov("validate", "ws", cwd=tmp).returncode == 0


def test_review_out_where_a_file_is_names_it(ws: Path) -> None:
    tmp = ws.parent
    (tmp / "afile").write_text("keep\n")
    (tmp / "out").mkdir()
    (tmp / "out" / "2026-11").write_text("keep\n")
    os.mkfifo(tmp / "fifo")
    (tmp / "loop").symlink_to("loop")
    cases = {
        "afile": "cxgov review: --out: afile is a file, not a folder",
        "afile/below": "cxgov review: --out: afile is a file, not a folder",
        "out": "cxgov review: --out: out/2026-11 is a file, not a folder",
        "fifo": "cxgov review: --out: fifo is a FIFO (named pipe), not a folder",
        "loop": "cxgov review: --out: loop cannot be resolved (a symbolic link loop)",
    }
    for out, message in cases.items():
        _usage(cxgov("review", "--workspace", "ws", "--month", "2026-11", "--out", out, cwd=tmp), message)
    assert (tmp / "afile").read_text() == (tmp / "out" / "2026-11").read_text() == "keep\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--jobs", "0"), "argument --jobs: expected 1 to 64 notebooks, found 0"),
        (("--jobs", "-3"), "argument --jobs: expected 1 to 64 notebooks, found -3"),
        (("--jobs", "99999999999"), "argument --jobs: expected 1 to 64 notebooks, found 99999999999"),
        (("--jobs", "٣"), "argument --jobs: expected a whole number of notebooks, found '٣'"),
        (("--timeout", "-5"), "argument --timeout: expected a number of seconds, 0 or more; found -5"),
        (("--timeout", "9" * 5000), f"argument --timeout: expected 0 to 86400 seconds, found {'9' * 57}..."),
        (("--timeout", "1e3"), "argument --timeout: expected a whole number of seconds, found '1e3'"),
    ],
)
def test_review_counts_out_of_range_are_usage_errors(ws: Path, args: tuple[str, ...], message: str) -> None:
    run = cxgov("review", "--workspace", "ws", "--month", "2026-11", "--out", "out", *args, cwd=ws.parent)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.endswith(f"cxgov review: error: {message}\n")
    assert not (ws.parent / "out").exists()


def test_review_refuses_an_unknown_committee_or_workspace_before_starting_workers(ws: Path) -> None:
    tmp = ws.parent
    run = cxgov("review", "--workspace", "ws", "--month", "2026-11", "--committee", "", "nope", "a\x1bb", cwd=tmp)
    _usage(run, "cxgov review: --committee: expected one of cx; found '', nope, 'a\\x1bb'")
    _usage(
        cxgov("review", "--workspace", "nope", "--month", "2026-11", cwd=tmp),
        "cxgov review: nope: expected a workspace folder, found nothing",
    )
    assert not (tmp / "reports").exists()


@pytest.mark.parametrize("kind", ["file", "fifo", "link-loop", "link-outside", "link-broken", "link-inside"])
def test_new_committee_refuses_a_name_that_exists_whatever_it_is(ws: Path, kind: str) -> None:
    tmp = ws.parent
    target = ws / "ops"
    outside = tmp / "outside"
    outside.mkdir()
    if kind == "file":
        target.write_text("keep\n")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "link-loop":
        target.symlink_to("ops")
    elif kind == "link-outside":
        target.symlink_to(outside, target_is_directory=True)
    elif kind == "link-broken":
        target.symlink_to("gone")
    else:
        target.symlink_to("cx", target_is_directory=True)
    before = _files(ws) if kind != "link-loop" else None
    run = cxgov("new", "committee", "ops", "--workspace", "ws", cwd=tmp)
    _usage(run, "cxgov new: ws/ops: already exists; choose another id")
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in ws.iterdir()) == ["cx", "ops", "org.yaml", "signals.csv"]
    if before is not None:
        assert _files(ws) == before


def test_new_committee_name_is_one_line_and_kept_as_written(ws: Path) -> None:
    tmp = ws.parent
    run = cxgov("new", "committee", "ops", "--workspace", "ws", "--name", "Ops\nchair: eli", cwd=tmp)
    _usage(run, "cxgov new: --name: expected one line of text, found 'Ops\\nchair: eli'")
    _usage(
        cxgov("new", "committee", "ops", "--workspace", "ws", "--name", "  ", cwd=tmp),
        "cxgov new: --name: expected one line of text, found '  '",
    )
    assert not (ws / "ops").exists()
    for cid, name in (("ops", "Billing: council #2"), ("yes", "yes"), ("num", "2026"), ("list", "[x], {y}")):
        run = cxgov("new", "committee", cid, "--workspace", "ws", "--name", name, cwd=tmp)
        assert (run.returncode, run.stderr) == (0, ""), run.stdout + run.stderr
    from cxgov.workspace.load import load_workspace

    loaded = load_workspace(ws)
    assert loaded.problems == ()
    names = {c.id: c.name for c in loaded.committees}
    assert names == {
        "cx": "CX Steering Committee",
        "ops": "Billing: council #2",
        "yes": "yes",
        "num": "2026",
        "list": "[x], {y}",
    }


def test_a_workspace_path_too_long_for_the_system_is_nothing(tmp_path: Path) -> None:
    long = "x/" * 3000
    for command in ("validate", "status"):
        run = cxgov(command, long, cwd=tmp_path)
        _usage(run, f"cxgov {command}: {os.path.normpath(long)}: expected a workspace folder, found nothing")


@pytest.mark.parametrize(
    "case",
    ["measurement-value-not-finite", "committee-launch-year-9999", "kpi-yaml-inf-and-nan", "update-date-out-of-range"],
)
def test_commands_on_extreme_values_report_them_and_never_trace_back(tmp_path: Path, case: str) -> None:
    build_workspace(tmp_path / "ws", INVALID / case)
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    run = cxgov("validate", "ws", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.splitlines()[:-1] == expected
    for command, as_of in (("status", "2199-12-31"), ("remind", "1900-01-01")):
        run = cxgov(command, "ws", "--as-of", as_of, cwd=tmp_path)
        assert run.returncode in (0, 1), run.stderr


def test_minimal_fixture_is_unchanged_by_these_tests() -> None:
    # Every test above builds its own copy; this guards against a test writing into the shared fixture.
    assert not (MINIMAL / "ops").exists() and not (MINIMAL / "reports").exists()


def test_signals_department_is_named_as_given(ws: Path) -> None:
    tmp = ws.parent
    for department, shown in (("", "''"), ("a\x1bb", "'a\\x1bb'"), ("x" * 100, f"'{'x' * 57}...'")):
        run = cxgov("signals", "ws", "--department", department, cwd=tmp)
        _usage(run, f"cxgov signals: --department: expected one of support, cx, product; found {shown}")


def test_new_committee_the_system_refuses_is_a_clear_exit_1(
    ws: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cxgov.cli import main
    from cxgov.workspace import store

    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.chdir(ws.parent)
    monkeypatch.setattr(store, "create_committee", refuse)
    assert main(["new", "committee", "ops", "--workspace", "ws"]) == 1
    assert capsys.readouterr().err == "cxgov new: cannot create ws/ops: permission denied\n"
    assert not (ws / "ops").exists()


def test_a_workspace_that_is_a_link_loop_or_broken_link_is_named(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "broken").symlink_to("gone")
    for name, found in (("loop", "a symbolic link loop"), ("broken", "a broken symbolic link")):
        _usage(
            cxgov("validate", name, cwd=tmp_path), f"cxgov validate: {name}: expected a workspace folder, found {found}"
        )
        run = cxgov("review", "--workspace", name, "--month", "2026-11", cwd=tmp_path)
        _usage(run, f"cxgov review: {name}: expected a workspace folder, found {found}")
