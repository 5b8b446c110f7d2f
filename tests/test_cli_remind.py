"""`cxgov remind` run in-process through cxgov.cli.main: the message names the right people, in text, Markdown and JSON.

The workspace is tests/fixtures/views/followup as of 2026-06-30 (expectations
worked out by hand in tests/test_views_reminders.py).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import mistune
import pytest
from cli_run import Ran, cxgov
from test_export_safety import at_python_ends
from views_helpers import FIXTURES, load

from cxgov.dates import DATE_RANGE
from cxgov.export.reminders import digest, render_markdown, render_text

FOLLOWUP = FIXTURES / "followup"

EXPECTED_TEXT = """\
Reminders as of 2026-06-30: open actions overdue or due within 14 days.

Ana Kowalska (ana@example.com): 3 actions need you
  - O7 Set up a callback service (ops), you are Responsible; off track, overdue by 91 days (due 2026-03-31); \
escalation: Cleo Park → Dan Reyes
  - O2 Fix the IVR menu (ops), you are Accountable; at risk, overdue by 30 days (due 2026-05-31); \
escalation: Ana Kowalska → Dan Reyes
  - O4 Train agents on the new journey (ops), you are Responsible; not started, due in 14 days (2026-07-14)

Ben Okafor (ben@example.com): 4 actions need you
  - O2 Fix the IVR menu (ops), you are Responsible; at risk, overdue by 30 days (due 2026-05-31); \
escalation: Ana Kowalska → Dan Reyes
  - W1 Publish a status page (web), you are Responsible; overdue by 10 days (due 2026-06-20); \
escalation: Cleo Park → Eli Stone
  - O3 <script>alert(1)</script> Rewrite the FAQ & "help" page (ops), you are Accountable; on track, \
due today (2026-06-30)
  - O4 Train agents on the new journey (ops), you are Accountable; not started, due in 14 days (2026-07-14)

Cleo Park: 4 actions need you
  - O7 Set up a callback service (ops), you are Accountable; off track, overdue by 91 days (due 2026-03-31); \
escalation: Cleo Park → Dan Reyes
  - O2 Fix the IVR menu (ops), you are Responsible; at risk, overdue by 30 days (due 2026-05-31); \
escalation: Ana Kowalska → Dan Reyes
  - W1 Publish a status page (web), you are Accountable; overdue by 10 days (due 2026-06-20); \
escalation: Cleo Park → Eli Stone
  - O3 <script>alert(1)</script> Rewrite the FAQ & "help" page (ops), you are Responsible; on track, \
due today (2026-06-30)

Committees to chase:
  - ops Operations Council, chair Ana Kowalska (ana@example.com): fails H1 (a mantra instead of an action plan): \
Open actions without an update in the last 31 days: O4 (never), O5 (never).
  - web Web Council, chair Cleo Park: fails H6 (no clear communication): No meeting since 2026-05-20 (41 days).
"""


def remind(*args: str, cwd: Path | None = None) -> Ran:
    """Run `cxgov remind ARGS`."""
    return cxgov("remind", *args, cwd=cwd)


def test_text_reminders_name_each_person_with_their_actions_and_chains():
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout == EXPECTED_TEXT


def test_a_shorter_window_drops_the_actions_not_due_yet():
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30", "--days", "0")
    assert run.returncode == 0, run.stderr
    # O4 (due in 14 days) goes; O3 is due today and stays
    assert "O4 Train agents" not in run.stdout
    assert "O3 <script>" in run.stdout
    assert "Ana Kowalska (ana@example.com): 2 actions need you" in run.stdout
    assert "Ben Okafor (ben@example.com): 3 actions need you" in run.stdout


def test_markdown_escapes_user_text_so_it_renders_as_written():
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30", "--format", "markdown")
    assert run.returncode == 0, run.stderr
    md = run.stdout
    assert md.startswith("**Reminders** as of 2026-06-30: open actions overdue or due within 14 days.\n")
    assert "**Ana Kowalska** (ana@example.com): 3 actions need you\n" in md
    assert (
        "- **O7** Set up a callback service (ops), you are Responsible; off track, "
        "**overdue by 91 days (due 2026-03-31)**; escalation: Cleo Park → Dan Reyes\n"
    ) in md
    assert "**Cleo Park**: 4 actions need you\n" in md
    assert r"\<script\>alert(1)\</script\> Rewrite the FAQ \& " in md
    html = mistune.html(md)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rewrite the FAQ &amp; &quot;help&quot; page" in html
    assert "<strong>web</strong> Web Council, chair Cleo Park: fails H6" in html


def test_json_has_one_object_per_person_and_the_committees_to_chase():
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) == {"as_of", "days", "people", "committees", "left_out"}
    assert (data["as_of"], data["days"], data["left_out"]) == ("2026-06-30", 14, [])
    assert [(p["person"], p["name"], p["email"]) for p in data["people"]] == [
        ("ana", "Ana Kowalska", "ana@example.com"),
        ("ben", "Ben Okafor", "ben@example.com"),
        ("cleo", "Cleo Park", None),
    ]
    ana = data["people"][0]["actions"]
    assert [(a["action"], a["role"], a["state"], a["days_overdue"], a["days_left"]) for a in ana] == [
        ("O7", "Responsible", "overdue", 91, 0),
        ("O2", "Accountable", "overdue", 30, 0),
        ("O4", "Responsible", "due soon", 0, 14),
    ]
    assert ana[0] == {
        "committee": "ops",
        "action": "O7",
        "title": "Set up a callback service",
        "role": "Responsible",
        "due": "2026-03-31",
        "status": "off_track",
        "state": "overdue",
        "days_overdue": 91,
        "days_left": 0,
        "escalation": [  # above ana, who is Responsible (and the chair)
            {"person": "cleo", "name": "Cleo Park", "email": None},
            {"person": "dan", "name": "Dan Reyes", "email": "dan@example.com"},
        ],
    }
    assert ana[2]["escalation"] == []
    assert [(c["committee"], c["rule"], c["chair"]["name"], c["sponsor"]["person"]) for c in data["committees"]] == [
        ("ops", "H1", "Ana Kowalska", "dan"),
        ("web", "H6", "Cleo Park", "eli"),
    ]


def test_person_filter_keeps_their_actions_and_the_committees_they_chair():
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30", "--person", "cleo", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [p["person"] for p in data["people"]] == ["cleo"]
    assert [c["committee"] for c in data["committees"]] == ["web"]  # cleo chairs web, not ops
    run = remind(str(FOLLOWUP), "--as-of", "2026-06-30", "--person", "eli")
    # eli is Responsible or Accountable for nothing due, but sponsors web
    assert "Nothing is overdue or due within 14 days." in run.stdout
    assert "web Web Council, chair Cleo Park: fails H6" in run.stdout


def test_nothing_due_and_no_committee_to_chase_says_so():
    # ops launched 2026-01-01 (too young for stale updates), web launches 2026-04-01; O1 is due 2026-03-15
    run = remind(str(FOLLOWUP), "--as-of", "2026-01-20", "--days", "7")
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        "Reminders as of 2026-01-20: open actions overdue or due within 7 days.\n\n"
        "Nothing is overdue or due within 7 days.\n\n"
        "No committee fails H1 (action plan and status updates) or H6 (meetings).\n"
    )


def test_a_committee_with_problems_is_left_out_with_a_warning_and_exit_1(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    (ws / "web" / "committee.yaml").write_text(
        (ws / "web" / "committee.yaml").read_text().replace("chair: cleo", "chair: nobody")
    )
    run = remind("ws", "--as-of", "2026-06-30", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr == "warning: left out because of problems in their files: web (run: cxgov validate ws)\n"
    assert "W1" not in run.stdout
    assert "Ana Kowalska (ana@example.com): 3 actions need you" in run.stdout
    data = json.loads(remind("ws", "--as-of", "2026-06-30", "--format", "json", cwd=tmp_path).stdout)
    assert data["left_out"] == ["web"]


def test_usage_errors_exit_2_with_a_clear_message(tmp_path):
    run = remind(str(FOLLOWUP), "--as-of", "30/06/2026")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == "cxgov remind: --as-of: expected a date YYYY-MM-DD, found '30/06/2026'\n"
    run = remind(str(FOLLOWUP), "--days", "-1")
    assert run.returncode == 2
    assert "--days: expected 0 or more days, found -1" in run.stderr
    run = remind(str(FOLLOWUP), "--person", "zed")
    assert run.returncode == 2
    assert run.stderr == (f"cxgov remind: --person: expected a person id of {FOLLOWUP}/org.yaml, found 'zed'\n")
    run = remind("nope", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == "cxgov remind: nope: expected a workspace folder, found nothing\n"


def test_no_reminders_are_printed_when_no_committee_loads(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    (ws / "org.yaml").write_text("organisation: [\n", encoding="utf-8")
    run = remind("ws", "--as-of", "2026-06-30", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (1, "")  # not "Nothing is overdue", which would be false
    assert run.stderr == (
        "cxgov remind: no committee could be loaded because of problems in the workspace files; "
        "no reminders (run: cxgov validate ws)\n"
    )


FAR = FOLLOWUP.parents[1] / "export-far-dates"  # committees launched 1900-01-01 and 2199-12-01


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("٣", "expected a whole number of days, found '٣'"),  # an Arabic-Indic 3, which int() would take
        ("1 ", "expected a whole number of days, found '1 '"),
        ("1000000000", "expected at most 999999999 days, found 1000000000"),
        ("9" * 5000, "expected at most 999999999 days, found 99999999999999999..."),
    ],
)
def test_days_are_ascii_digits_within_what_a_date_can_hold(days, message):
    run = remind(str(FAR), "--days", days)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.endswith(f"cxgov remind: error: argument --days: {message}\n")


def test_reminders_at_the_ends_of_the_supported_range():
    run = remind(str(FAR), "--as-of", "2199-12-31", "--days", "999999999")
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    assert (
        "  - L1 Due on the last supported day (last), you are Responsible; on track, due today (2199-12-31)\n"
    ) in run.stdout
    late = (date(2199, 12, 31) - date(1900, 2, 1)).days
    assert (
        f"  - F2 Early in 1900 (first), you are Accountable; not started, overdue by {late} days (due 1900-02-01)"
        in (run.stdout)
    )
    run = remind(str(FAR), "--as-of", "1900-01-01", "--days", "999999999")
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    left = (date(2199, 12, 31) - date(1900, 1, 1)).days
    assert f"  - L1 Due on the last supported day (last), you are Responsible; not started, due in {left} days" in (
        run.stdout
    )


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_an_as_of_outside_the_supported_range_is_a_usage_error(as_of):
    run = remind(str(FAR), "--as-of", as_of)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"cxgov remind: --as-of: expected {DATE_RANGE}, found '{as_of}'\n"


def test_reminders_compute_at_pythons_own_ends():
    # The loader keeps year 1 and 9999 out; the reminders must not need it to (the window is clamped).
    ws = at_python_ends(load(FAR))
    for as_of in (date(1, 1, 1), date(9999, 12, 31)):
        data = digest(ws, as_of, 999_999_999)
        text = render_text(data)
        assert "L1 Due on the last supported day (last), you are Responsible" in text
        assert "**F1** The first action there is (first)" in render_markdown(data)
    assert "due today (9999-12-31)" in render_text(digest(ws, date(9999, 12, 31), 14))


def test_control_characters_in_titles_stay_on_one_line(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(FOLLOWUP, ws)
    plan = ws / "ops" / "plan.yaml"
    plan.write_text(
        plan.read_text().replace("title: Fix the IVR menu", 'title: "Fix\\x1b[31m the\\x0b IVR\\x01 menu\\x9b"')
    )
    for fmt in ("text", "markdown"):
        run = remind("ws", "--as-of", "2026-06-30", "--format", fmt, cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, ""), run.stderr
        assert not any(ch in run.stdout for ch in "\x1b\x0b\x01\x9b")  # C1 too: \x9b is a CSI
        assert (
            "Fix [31m the IVR menu" if fmt == "text" else r"Fix [31m the IVR menu".replace("[", r"\[")
        ) in run.stdout
