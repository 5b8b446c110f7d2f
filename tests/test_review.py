"""The monthly review, run for real: papermill executes the notebook, HTML is read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from cxgov.review.run import Job, run_review

REPO = Path(__file__).parents[1]
EXAMPLE = REPO / "committees"
NOTEBOOK = REPO / "notebooks" / "monthly_review.ipynb"

pytestmark = pytest.mark.slow


def cxgov(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cxgov", *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env
    )


def text_of(html: str) -> str:
    """Visible text, tags removed, whitespace collapsed (to assert on what a reader sees)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    # Past months, so each review is as of its last day whatever today is; September first, so that
    # October's pages link to it (test_pages_compare_with_last_month_and_link_its_page).
    for month in ("2026-09", "2026-10"):
        done = cxgov("review", "--month", month, "--workspace", str(EXAMPLE), "--out", str(out), cwd=REPO)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"{out}/{month}/index.html" in done.stdout
    return out / "2026-10"


def test_review_writes_index_and_one_page_per_committee(example_reports: Path) -> None:
    pages = sorted(p.name for p in example_reports.glob("*.html"))
    assert pages == ["cx-steering.html", "index.html", "support-product.html", "voc-council.html"]
    assert sorted(p.name for p in (example_reports / "notebooks").glob("*.ipynb")) == [
        "cx-steering.ipynb",
        "index.ipynb",
        "support-product.ipynb",
        "voc-council.ipynb",
    ]


def test_pages_compare_with_last_month_and_link_its_page(example_reports: Path) -> None:
    october = text_of((example_reports / "cx-steering.html").read_text())
    # cx-steering on 2026-09-30: A1-A6 done, A7 dropped, A8-A13 open, none past due (A9, A10 due 09-30),
    # A9 A10 A13 at risk. On 2026-10-31: A8 done (10-08) -> 7 done, 5 open; A9 and A10 overdue; A9 A10
    # off track and A13 at risk -> 3.
    assert "Since last month" in october
    assert "Last month (2026-09-30) Now (2026-10-31)" in october
    assert "Actions done 6 7 ▲ 1 more" in october
    assert "Actions open 6 5 ▼ 1 fewer" in october
    assert "Overdue 0 2 ▲ 2 more" in october
    assert "At risk or off track 3 3 no change" in october
    for name in ("cx-steering", "index"):
        html = (example_reports / f"{name}.html").read_text()
        assert f'href="../2026-09/{name}.html"' in html, name
        assert (example_reports.parent / "2026-09" / f"{name}.html").exists()
        # September's pages: no August review in this folder, so no link.
        september = (example_reports.parent / "2026-09" / f"{name}.html").read_text()
        assert "../2026-08/" not in september
        assert "no review for 2026-08 in this folder" in september


def test_committee_page_shows_sections_in_the_agreed_order(example_reports: Path) -> None:
    html = (example_reports / "cx-steering.html").read_text()
    order = [
        "Since last month",
        "Roadmap: we are here",
        "Progress per milestone",
        "What changed this month",
        "Overdue and at-risk actions",
        "All actions",
        "RACI",
        "KPIs against targets",
        "Governance health check",
        "CX maturity",
        "This month's decisions",
        "Budget lines",
    ]
    html = html.replace("&#x27;", "'")
    positions = [html.index(f">{title}</h2>") for title in order]
    assert positions == sorted(positions)


def test_committee_page_states_position_escalation_and_verdicts(example_reports: Path) -> None:
    text = text_of((example_reports / "cx-steering.html").read_text())
    # launch 2026-01-01, as of 2026-10-31 -> month 10; 12-month milestone due 2026-12-31 -> 61 days.
    assert "We are here: month 10 of 12" in text
    assert "due 2026-12-31 (in 61 days)" in text
    # A9: R david, sam; A helen; chair sofia; sponsor helen (not repeated): the chain starts above david and sam.
    assert "Helen Achterberg → Sofia Marin" in text
    assert "Sam Whitfield → Helen Achterberg" not in text
    assert "H5 no executive engagement pass" in text
    # Budget lines from committee.yaml.
    assert "60,000 GBP" in text


def test_weak_committee_page_shows_its_failing_rules_with_reasons(example_reports: Path) -> None:
    text = text_of((example_reports / "voc-council.html").read_text())
    for rule in ("H1", "H4", "H5", "H6", "H7"):
        assert re.search(rf"{rule} [a-z ,]+ fail", text), rule
    assert "Outcome KPIs no operational KPI drives: nps" in text
    assert "last attended on 2026-06-09" in text


def test_organisation_page_links_every_committee_and_rolls_up(example_reports: Path) -> None:
    html = (example_reports / "index.html").read_text()
    for cid in ("cx-steering", "support-product", "voc-council"):
        assert f'href="{cid}.html"' in html
    assert "Where every committee stands" in html
    assert "Overdue across the organisation" in html


def test_pages_name_committees_linked_to_their_pages_and_list_every_action(example_reports: Path) -> None:
    import html

    from cxgov.workspace.load import load_workspace

    ws = load_workspace(EXAMPLE)
    index = (example_reports / "index.html").read_text()
    overdue = index.split('id="overdue"', 1)[1].split("</section>", 1)[0]
    linked = re.findall(r'<td><a href="([\w-]+)\.html">([^<]+)</a></td>', overdue)
    assert linked and all(ws.committee[cid].name == html.unescape(name) for cid, name in linked)
    assert not any(f"<td>{c.id}</td>" in overdue for c in ws.committees)  # no id where a name belongs
    page = (example_reports / "cx-steering.html").read_text()
    every = page.split('id="actions"', 1)[1].split("</section>", 1)[0]
    for a in ws.committee["cx-steering"].actions:
        assert every.count(f"<strong>{a.id}</strong>") == 1, a.id
    assert [m.group(1) for m in re.finditer(r"<h3>(\d+) months", every)] == ["3", "6", "12"]


def test_pages_are_offline_printable_and_have_no_code(example_reports: Path) -> None:
    for page in example_reports.glob("*.html"):
        html = page.read_text()
        assert "<script" not in html
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), page.name
        assert "@media print" in html
        assert "review.show(" not in html and "import " not in html
        assert html.count('src="data:image/svg+xml;base64,') >= (0 if page.name == "index.html" else 3)


def test_notebook_runs_with_plain_papermill_as_a_scheduler_calls_it(tmp_path: Path) -> None:
    out = tmp_path / "out.ipynb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(NOTEBOOK),
            str(out),
            "-p",
            "workspace",
            "committees",
            "-p",
            "committee",
            "support-product",
            "-p",
            "month",
            "2026-08",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    # launch 2026-01-15; as of 2026-08-31 -> month 8 (month 8 starts 2026-08-15).
    assert "month 8 of 12" in html
    assert "governance review as of 2026-08-31" in html


def _copy_example(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    return ws


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_user_text_is_escaped_in_every_page(tmp_path: Path) -> None:
    ws = _copy_example(tmp_path)
    _replace(ws / "org.yaml", "organisation: Northwind Broadband", "organisation: '<script>alert(1)</script>'")
    _replace(
        ws / "cx-steering" / "committee.yaml",
        "name: CX Steering Committee",
        "name: '<img src=x onerror=alert(2)>Steering'",
    )
    _replace(
        ws / "cx-steering" / "plan.yaml",
        "title: Proactive outage alerts by SMS and a live status page",
        "title: '<script>alert(3)</script>Outage alerts'",
    )
    _replace(ws / "org.yaml", "name: Sofia Marin", "name: '<img src=x onerror=alert(4)>Sofia'")
    with open(ws / "cx-steering" / "updates.csv", "a") as fh:
        fh.write('2026-11-20,A9,at_risk,david,"<script>alert(5)</script> gateway, again"\n')
    out = tmp_path / "reports"
    done = cxgov("review", "--month", "2026-11", "--workspace", str(ws), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {p.name: p.read_text() for p in (out / "2026-11").glob("*.html")}
    assert len(pages) == 4
    for name, html in pages.items():
        assert "<script" not in html, name
        assert "<img src=x" not in html, name
    committee = pages["cx-steering.html"]
    assert "&lt;img src=x onerror=alert(2)&gt;Steering" in committee
    assert "&lt;script&gt;alert(3)&lt;/script&gt;Outage alerts" in committee
    assert "&lt;img src=x onerror=alert(4)&gt;Sofia" in committee
    assert "&lt;script&gt;alert(5)&lt;/script&gt; gateway, again" in committee
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["index.html"]


def test_invalid_committee_is_reported_in_its_page_not_a_traceback(tmp_path: Path) -> None:
    ws = _copy_example(tmp_path)
    _replace(ws / "voc-council" / "plan.yaml", "accountable: olivia", "accountable: [olivia, ben]")
    out = tmp_path / "reports"
    done = cxgov("review", "--month", "2026-11", "--workspace", str(ws), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    page = text_of((out / "2026-11" / "voc-council.html").read_text())
    assert "Traceback" not in page
    assert "raci.accountable: expected exactly one person, found [olivia, ben]" in page
    index = text_of((out / "2026-11" / "index.html").read_text())
    assert "Left out until fixed: voc-council" in index
    assert "CX Steering Committee" in index


@pytest.mark.parametrize(
    ("failure", "reported"),
    [
        ('raise RuntimeError("boom")', "boom"),  # an error in a cell
        ("import os\n    os._exit(3)", "DeadKernelError"),  # the kernel dies (its replacement serves the next one)
    ],
)
def test_one_failing_review_lets_the_others_finish(tmp_path: Path, failure: str, reported: str) -> None:
    # A notebook that fails for one committee only stands in for any crash in a review.
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_code_cell(f'if committee == "support-product":\n    {failure}'))
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    out = tmp_path / "reports" / "2026-11"
    jobs = [
        Job(str(EXAMPLE), cid, "2026-11", str(out), cid, str(broken)) for cid in ("cx-steering", "support-product", "")
    ]
    results = {r.name: r for r in run_review(jobs, workers=2)}
    assert results["cx-steering"].ok and results["index"].ok
    assert not results["support-product"].ok
    assert reported in results["support-product"].error
    kept = nbformat.read(out / "notebooks" / "support-product.ipynb", as_version=4)
    failed_cell = next(c for c in kept.cells if c.source.startswith("if committee =="))
    assert reported in str(failed_cell.outputs)  # the cell that failed shows why
    assert not (out / "support-product.html").exists()
    assert "Reviews that failed" in (out / "index.html").read_text()


def test_review_exits_2_for_an_unknown_committee(tmp_path: Path) -> None:
    done = cxgov(
        "review",
        "--month",
        "2026-11",
        "--workspace",
        str(EXAMPLE),
        "--committee",
        "nope",
        "--out",
        str(tmp_path),
        cwd=REPO,
    )
    assert done.returncode == 2
    assert "--committee: expected one of cx-steering, support-product, voc-council; found nope" in done.stderr


def test_snapshot_of_the_run_gives_the_same_pages_as_reading_the_files(tmp_path: Path) -> None:
    from cxgov.review.run import plan_jobs

    snap = tmp_path / "snap"
    snap.mkdir()
    with_snap = plan_jobs(str(EXAMPLE), "2026-10", str(tmp_path / "a"), ["cx-steering"], snapshot_dir=str(snap))
    without = plan_jobs(str(EXAMPLE), "2026-10", str(tmp_path / "b"), ["cx-steering"])
    assert with_snap[0].snapshot and not without[0].snapshot
    pages = []
    for jobs in (with_snap, without):
        results = run_review(jobs, workers=2)
        assert all(r.ok for r in results), [r.error for r in results]
        pages.append({r.name: Path(r.html or "").read_text() for r in results})
    assert pages[0] == pages[1]


def test_signals_appear_in_committee_and_organisation_reviews(example_reports: Path) -> None:
    committee = text_of((example_reports / "cx-steering.html").read_text())
    assert "Customer signals" in committee
    # S4 (router setup, five departments) is answered by cx-steering A5; S9 (website, product, operations) is
    # unrouted and concerns cx-steering's departments.
    assert "S4" in committee and "S9" in committee
    index = text_of((example_reports / "index.html").read_text())
    assert "Customer signals by department" in index
    # Closed by 2026-10-31: S1 21, S12 14, S3 73, S4 83, S2 156 days -> median 73.
    assert "Median closed-loop time: 73 days" in index


def kernel_pids(mark: str) -> set[int]:
    """Processes running an IPython kernel started with mark in their environment (this test's, not the
    machine's: other reviews and dashboards may run beside it)."""
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                kernel = b"ipykernel_launcher" in (proc / "cmdline").read_bytes()
                if kernel and f"CXGOV_TEST_MARK={mark}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                    found.add(int(proc.name))
            except OSError:
                continue
    return found


def test_review_reuses_kernels_and_leaves_none_running(tmp_path: Path) -> None:
    import os
    import secrets

    mark = secrets.token_hex(8)
    env = dict(os.environ, CXGOV_TEST_MARK=mark)  # the review's workers and kernels inherit it
    done = cxgov("review", "--month", "2026-10", "--workspace", str(EXAMPLE), "--out", str(tmp_path), cwd=REPO, env=env)
    assert done.returncode == 0, done.stderr
    assert kernel_pids(mark) == set()
    # Four notebooks on at most two kernels (one per worker), each started once.
    log = (tmp_path / "2026-10" / "notebooks" / "kernels.log").read_text()
    assert 1 <= log.count("[cxgov] starting a python3 kernel") <= 2, log
    for name in ("cx-steering", "support-product", "voc-council", "index"):
        nb = nbformat.read(tmp_path / "2026-10" / "notebooks" / f"{name}.ipynb", as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1)), name  # each notebook counted from 1, as on a new kernel


def test_a_cell_that_hangs_is_stopped_and_the_next_review_gets_a_new_kernel(tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(
        2, nbformat.v4.new_code_cell('if committee == "support-product":\n    import time\n    time.sleep(120)')
    )
    hangs = tmp_path / "hangs.ipynb"
    nbformat.write(nb, hangs)
    out = tmp_path / "reports" / "2026-11"
    jobs = [
        Job(str(EXAMPLE), cid, "2026-11", str(out), cid, str(hangs), cell_timeout=3)
        for cid in ("support-product", "cx-steering", "")
    ]
    results = {r.name: r for r in run_review(jobs, workers=1)}  # one process: the same kernel host throughout
    assert not results["support-product"].ok and "Timeout" in results["support-product"].error
    assert results["support-product"].seconds < 60
    assert results["cx-steering"].ok and results["index"].ok
    log = (out / "notebooks" / "kernels.log").read_text()
    assert log.count("[cxgov] starting a python3 kernel") == 2  # the busy kernel was replaced


def test_review_refuses_a_negative_timeout(tmp_path: Path) -> None:
    done = cxgov("review", "--month", "2026-11", "--timeout", "-5", "--out", str(tmp_path), cwd=REPO)
    assert done.returncode == 2
    assert "--timeout: expected a number of seconds, 0 or more; found -5" in done.stderr
