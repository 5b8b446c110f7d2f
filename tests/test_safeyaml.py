"""Safe YAML reading: hostile or broken files are reported, never executed, expanded or allowed to crash."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from conftest import MakeWorkspace

from cxgov.workspace import safeyaml
from cxgov.workspace.files import roots
from cxgov.workspace.load import load_workspace
from cxgov.workspace.safeyaml import MAX_BYTES, YMap, YSeq, load_yaml, parse_yaml


def _messages(problems: list) -> list[str]:
    return [str(p) for p in problems]


def _bomb(levels: int = 9) -> str:
    """A 'billion laughs' document: 10**levels values once its aliases are expanded."""
    names = "abcdefghijklmnop"[:levels]
    out = ["bomb:", "  a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for prev, name in zip(names, names[1:], strict=False):
        out.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(out) + "\n"


def test_alias_bomb_is_rejected_quickly_without_expanding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(), encoding="utf-8")
    start = time.perf_counter()
    data, problems = load_yaml(path, "bomb.yaml", roots(tmp_path))
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5
    assert data is None
    # a: 11 values, b: 111, ... f (line 7) is the first list above 1,000,000.
    assert _messages(problems) == [
        "bomb.yaml:7: file: expected at most 1,000,000 values after expanding aliases; "
        "found more than 1,000,000 (an alias bomb?)"
    ]


def test_aliases_below_the_limit_are_shared_not_rejected() -> None:
    data, problems = parse_yaml("base: &b [ana, bo]\ncopy: *b\n", "f.yaml")
    assert problems == []
    assert data == {"base": ["ana", "bo"], "copy": ["ana", "bo"]}


def test_recursive_alias_is_rejected_without_hanging() -> None:
    data, problems = parse_yaml("a: &x [*x]\n", "f.yaml")
    assert data is None
    assert [str(p) for p in problems] == [
        "f.yaml:1: file: expected an alias to an anchor defined before it, found '*x'"
    ]


@pytest.mark.parametrize(
    ("tag", "args"),
    [
        ("!!python/object/apply:os.system", "['touch {marker}']"),
        ("!!python/object/new:os.system", "['touch {marker}']"),
        ("!!python/object/apply:subprocess.check_call", "[[touch, '{marker}']]"),
    ],
)
def test_python_object_tag_is_reported_and_never_executed(tmp_path: Path, tag: str, args: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    payload = f"{tag} {args.format(marker=marker)}"
    path.write_text(f"meetings:\n  - date: 2026-07-08\n    notes: {payload}\n", encoding="utf-8")
    data, problems = load_yaml(path, "evil.yaml", roots(tmp_path))
    assert not marker.exists()
    assert data is None
    assert _messages(problems) == [f"evil.yaml:3: file: expected plain YAML without tags, found tag '{tag}'"]


def test_python_tag_payload_is_live_under_an_unsafe_loader(tmp_path: Path) -> None:
    """Control for the test above: the same payload does run under yaml.unsafe_load, so its absence means safety."""
    marker = tmp_path / "pwned"
    yaml.unsafe_load(f"notes: !!python/object/apply:os.system ['touch {marker}']\n")
    assert marker.exists()


def test_python_tag_in_a_workspace_is_not_executed(make_workspace: MakeWorkspace, tmp_path: Path) -> None:
    ws = make_workspace()
    marker = tmp_path / "pwned"
    (ws / "cx" / "maturity.yaml").write_text(f"!!python/object/apply:os.system ['touch {marker}']\n")
    problems = _messages(list(load_workspace("ws").problems))
    assert not marker.exists()
    assert problems == [
        "ws/cx/maturity.yaml:1: file: expected plain YAML without tags, found tag '!!python/object/apply:os.system'"
    ]


@pytest.mark.parametrize(
    ("text", "tag"),
    [("a: !!set {x, y}\n", "!!set"), ("a: !!binary aGVsbG8=\n", "!!binary"), ("a: !custom 1\n", "!custom")],
)
def test_other_tags_are_reported(text: str, tag: str) -> None:
    assert _messages(parse_yaml(text, "f.yaml")[1]) == [
        f"f.yaml:1: file: expected plain YAML without tags, found tag '{tag}'"
    ]


def test_merge_key_is_reported() -> None:
    assert _messages(parse_yaml("<<: {a: 1}\nb: 2\n", "f.yaml")[1]) == [
        "f.yaml:1: file: expected plain YAML without merge keys, found '<<'"
    ]


def test_file_over_5_mb_is_rejected_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    head = b"notes: |\n"
    line = b"  lorem ipsum dolor sit amet\n"
    body = line * (6 * 1024 * 1024 // len(line) - 1)
    path.write_bytes(head + body + b"#" * (6 * 1024 * 1024 - len(head) - len(body)))
    assert path.stat().st_size == 6 * 1024 * 1024
    start = time.perf_counter()
    data, problems = load_yaml(path, "big.yaml", roots(tmp_path))
    assert time.perf_counter() - start < 0.5
    assert data is None
    assert _messages(problems) == ["big.yaml: file: expected at most 5 MB (5,242,880 bytes); found 6,291,456 bytes"]


def test_file_of_exactly_5_mb_is_read(tmp_path: Path) -> None:
    path = tmp_path / "five.yaml"
    head = b"a: 1\n"
    path.write_bytes(head + b"#" * (MAX_BYTES - len(head)))
    assert load_yaml(path, "five.yaml", roots(tmp_path)) == ({"a": 1}, [])


def test_file_just_over_5_mb_is_not_described_as_5_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * MAX_BYTES)
    (problem,) = load_yaml(path, "big.yaml", roots(tmp_path))[1]
    assert "found 5.0 MB" not in str(problem)


def test_oversized_csv_in_a_workspace_is_reported(make_workspace: MakeWorkspace) -> None:
    ws = make_workspace()
    row = b"2026-07-20,A1,on_track,bo,Workshop booked\n"
    (ws / "cx" / "updates.csv").write_bytes(b"date,action,status,by,note\n" + row * (6 * 1024 * 1024 // len(row)))
    loaded = load_workspace("ws")
    size = (ws / "cx" / "updates.csv").stat().st_size
    assert size > 6_000_000
    assert _messages(list(loaded.problems)) == [
        f"ws/cx/updates.csv: file: expected at most 5 MB (5,242,880 bytes); found {size:,} bytes"
    ]
    assert loaded.failed == ("cx",)


def test_non_utf8_bytes_are_reported_with_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("meetings:\n  - date: 2026-07-08\n    notes: Caf\u00e9 talk\n".encode("latin-1"))
    data, problems = load_yaml(path, "latin1.yaml", roots(tmp_path))
    assert data is None
    assert _messages(problems) == ["latin1.yaml:3: file: expected UTF-8 text, found byte 0xe9"]


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffname: Caf\u00e9\n".encode())
    assert load_yaml(path, "bom.yaml", roots(tmp_path)) == ({"name": "Caf\u00e9"}, [])


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_reported(text: str) -> None:
    assert _messages(parse_yaml(text, "f.yaml")[1]) == ["f.yaml:1: file: expected a mapping, found an empty file"]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    assert _messages(load_yaml(tmp_path / "nope.yaml", "nope.yaml", roots(tmp_path))[1]) == [
        "nope.yaml: file: expected a readable file, found nothing"
    ]


def test_duplicate_key_is_reported_at_its_second_line() -> None:
    assert _messages(parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")[1]) == [
        "f.yaml:3: a: expected each key once, found 'a' twice"
    ]


def test_values_remember_their_lines() -> None:
    data, problems = parse_yaml("top:\n  - x\n  - {k: v,\n     j: w}\nother: 1\n", "f.yaml")
    assert problems == []
    assert isinstance(data, YMap) and data.line == 1 and data.lines == {"top": 2, "other": 5}
    seq = data["top"]
    assert isinstance(seq, YSeq) and seq.lines == [2, 3]
    assert seq[1].lines == {"k": 3, "j": 4}


def test_dates_stay_text_for_strict_checking() -> None:
    assert parse_yaml("d: 2026-07-01\nt: 2026-07-01 10:00\n", "f.yaml") == (
        {"d": "2026-07-01", "t": "2026-07-01 10:00"},
        [],
    )


def _run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter: a crash in C (segfault) must fail the test, not kill the test run."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


DEEP = """
    from cxgov.workspace.safeyaml import parse_yaml
    n = 100_000
    text = {text}
    print(*[str(p) for p in parse_yaml(text, "deep.yaml")[1]], sep="\\n")
"""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"a: " + "[" * n + "]" * n + "\\n"', id="flow-lists"),
        pytest.param('"a: " + "{b: " * n + "1" + "}" * n + "\\n"', id="flow-mappings"),
        pytest.param('"a: " + "[" * n + "\\n"', id="unclosed-flow-lists"),
        pytest.param('"- " * n + "1\\n"', id="block-lists-on-one-line"),
        pytest.param('"".join(" " * i + f"k{i}:\\n" for i in range(5000)) + " " * 5000 + "x: 1\\n"', id="block-maps"),
    ],
)
def test_deep_nesting_is_reported_without_crashing(text: str) -> None:
    result = _run_isolated(DEEP.format(text=text))
    assert result.returncode == 0, f"crashed with {result.returncode}: {result.stderr[-500:]}"
    assert re.fullmatch(
        r"deep\.yaml:\d+: file: expected at most 64 levels of nesting, found deeper nesting\n", result.stdout
    )


def test_nesting_of_64_levels_is_accepted() -> None:
    data, problems = parse_yaml("a: " + "[" * 63 + "]" * 63 + "\n", "f.yaml")
    assert problems == []
    assert isinstance(data["a"], list)


def test_deep_nesting_between_apostrophes_in_plain_text_does_not_crash() -> None:
    text = '"notes: it\'s fine\\nbomb: " + "[" * n + "]" * n + "\\n# don\'t\\n"'
    result = _run_isolated(DEEP.format(text=text))
    assert result.returncode == 0, f"crashed with {result.returncode}"
    assert "nesting" in result.stdout


@pytest.mark.parametrize("text", ["email: @bo\n", "--- a\n--- b\n"])
def test_yaml_syntax_message_does_not_repeat_found(text: str) -> None:
    (problem,) = parse_yaml(text, "f.yaml")[1]
    assert " found found " not in str(problem) and " found but found " not in str(problem)


@pytest.mark.parametrize("depth", [65, 1_500])
@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_message_is_the_same_whichever_parser_stops_it(
    depth: int, loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # libyaml 0.2.6+ stops flow nesting at 1,000 levels itself, older ones and the pure-Python parser do not:
    # the user reads the same message either way.
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML here has no {loader}")
    monkeypatch.setattr(safeyaml, "_Loader", getattr(yaml, loader))
    _, problems = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert [str(p) for p in problems] == [
        "deep.yaml:1: file: expected at most 64 levels of nesting, found deeper nesting"
    ]
