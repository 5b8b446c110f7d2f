"""Charts as embedded PNG data URIs (matplotlib, Agg): reports work offline and print."""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from cxgov.model import Committee, Kpi  # noqa: E402
from cxgov.views.history import status_of  # noqa: E402

COLOURS = {
    "not_started": "#9aa5b1",
    "on_track": "#2f9e5f",
    "at_risk": "#e0a800",
    "off_track": "#d64541",
    "done": "#2d6cdf",
    "dropped": "#cbd2d9",
}
plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})


def to_uri(fig: plt.Figure) -> str:
    """Render a figure to a PNG data URI and close it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _x(day: date) -> float:
    """A date as matplotlib's axis number."""
    return float(mdates.date2num(day))


def roadmap(committee: Committee, as_of: date) -> str:
    """The 12-month roadmap: milestones, actions by due date and status, and a 'we are here' marker."""
    status = status_of(committee, as_of)
    end = max([m.due for m in committee.milestones] + [a.due for a in committee.actions] + [committee.launch])
    fig, ax = plt.subplots(figsize=(9, 2.6))
    ax.axvspan(_x(committee.launch), _x(min(max(as_of, committee.launch), end)), color="#e8f0fe", zorder=0)
    lanes = {3: 2, 6: 1, 12: 0}
    for a in committee.actions:
        ax.scatter(_x(a.due), lanes[a.horizon], s=46, color=COLOURS[status[a.id]], edgecolor="white", zorder=3)
    for m in committee.milestones:
        ax.scatter(_x(m.due), lanes[m.horizon], marker="D", s=90, color="#1d2733", zorder=4)
        ax.annotate(
            f"{m.horizon} months\n{m.due:%d %b %Y}",
            (_x(m.due), lanes[m.horizon]),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=8,
        )
    ax.axvline(_x(as_of), color="#d64541", lw=2, zorder=5)
    ax.annotate(
        "we are here",
        (as_of, 2.45),
        xytext=(4, 0),
        textcoords="offset points",
        color="#d64541",
        fontweight="bold",
        fontsize=9,
    )
    ax.set_yticks([2, 1, 0], ["3-month", "6-month", "12-month"])
    ax.set_ylim(-0.6, 2.8)
    ax.set_xlim(_x(committee.launch - timedelta(days=7)), _x(end + timedelta(days=25)))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    handles = [plt.Line2D([], [], marker="o", ls="", color=c, label=s.replace("_", " ")) for s, c in COLOURS.items()]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=6, frameon=False, fontsize=8)
    return to_uri(fig)


def milestone_bars(progress: pd.DataFrame) -> str:
    """Stacked bars: share of each milestone's actions by status."""
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * max(len(progress), 1)))
    for i, row in enumerate(progress.itertuples()):
        left = 0.0
        for s, colour in COLOURS.items():
            share = getattr(row, f"share_{s}")
            if share:
                ax.barh(i, share, left=left, color=colour, edgecolor="white")
                left += share
        ax.text(
            1.01,
            i,
            f"{row.done}/{row.total} done" + (f", {row.overdue} overdue" if row.overdue else ""),
            va="center",
            fontsize=8,
        )
    ax.set_yticks(range(len(progress)), [f"{h}-month" for h in progress["horizon"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    return to_uri(fig)


def kpi(kpi_: Kpi, series: pd.DataFrame) -> str:
    """One KPI over time against its target (dashed), green when the latest value is on target."""
    fig, ax = plt.subplots(figsize=(3.4, 2.1))
    if not series.empty:
        x = pd.to_datetime(series["period"] + "-01")
        ax.plot(x, series["value"], marker="o", ms=3, color="#2d6cdf")
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, len(x) // 4)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %y"))
    if kpi_.target is not None:
        ax.axhline(kpi_.target, ls="--", color="#2f9e5f", lw=1.2, label=f"target {kpi_.target:g}")
        ax.legend(loc="best", fontsize=7, frameon=False)
    arrow = "↓" if kpi_.direction == "down" else "↑"
    ax.set_title(f"{kpi_.name} ({kpi_.unit}) {arrow}", fontsize=9, loc="left")
    ax.tick_params(labelsize=7)
    return to_uri(fig)


def maturity(assessments: pd.DataFrame) -> str:
    """Maturity score over time with the Starter / Riser / Champion bands."""
    fig, ax = plt.subplots(figsize=(5, 2.2))
    for lo, hi, name, colour in (
        (0, 3.5, "Starter", "#f0f4f8"),
        (3.5, 5.5, "Riser", "#e3f8ff"),
        (5.5, 7.2, "Champion", "#e3f9e5"),
    ):
        ax.axhspan(lo, hi, color=colour, zorder=0)
        ax.text(1.01, (lo + hi) / 2, name, transform=ax.get_yaxis_transform(), va="center", fontsize=8)
    if not assessments.empty:
        ax.step(pd.to_datetime(assessments["date"]), assessments["score"], where="post", color="#1d2733")
        ax.scatter(pd.to_datetime(assessments["date"]), assessments["score"], color="#1d2733", zorder=3)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %y"))
    ax.set_ylim(0, 7.2)
    ax.set_ylabel("characteristics held")
    return to_uri(fig)
