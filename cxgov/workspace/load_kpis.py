"""Load and validate a committee's KPI definitions (kpis.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from cxgov.errors import show
from cxgov.workspace.fields import Ctx
from cxgov.workspace.ids import is_slug
from cxgov.workspace.model import Kpi, Org

KPI_KEYS = ("id", "name", "kind", "unit", "direction", "baseline", "target", "owner", "drives", "shared", "weight")


@dataclass(frozen=True, slots=True)
class CrossLink:
    """A ``drives: [committee/kpi]`` link, checked once every committee is read."""

    kpi: str
    target: str
    line: int


def read_kpis(ctx: Ctx, data: object, org: Org) -> tuple[list[Kpi], list[CrossLink]]:
    """Validate kpis.yaml's data into KPIs and the cross-committee links to check."""
    kpis: list[Kpi] = []
    links: list[CrossLink] = []
    if data is None:
        return kpis, links
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return kpis, links
    top.allowed(("kpis",))
    raw: list[tuple[Kpi, list[tuple[str, int]]]] = []
    seen: set[str] = set()
    for _, line, item in top.items("kpis", required=True):
        f = ctx.mapping(item, line, "kpi", "kpis", nested=False)
        if f is None:
            continue
        kid = f.ident("id")
        f.obj = f"kpi {kid}" if kid else "kpi"
        f.allowed(KPI_KEYS)
        name = f.text("name")
        kind = f.choice("kind", ("operational", "outcome"))
        unit = f.text("unit")
        direction = f.choice("direction", ("down", "up"))
        baseline = f.number("baseline", required=False)
        target = f.number("target", required=False)  # a missing target is health rule H4
        owner = f.ref("owner", f.ident("owner", required=False), org.person, "person")
        shared = f.flag("shared")
        weight = f.number("weight", required=False, minimum=0)
        if weight == 0:
            f.bad("weight", "a number above 0", "0")
        drives: list[tuple[str, int]] = []
        for _, dline, ref in f.items("drives"):
            if kind == "outcome":
                ctx.add(dline, f.obj, "drives", "drives only on operational KPIs", "an outcome KPI with drives")
                break
            if isinstance(ref, str) and (is_slug(ref) or (ref.count("/") == 1 and all(map(is_slug, ref.split("/"))))):
                drives.append((ref, dline))
            else:
                ctx.add(dline, f.obj, "drives", "a KPI id or committee-id/kpi-id", show(ref))
        if kid and kid in seen:
            f.bad("id", "a unique KPI id", f"'{kid}' again")
            continue
        if kid:
            seen.add(kid)
        if kid and name and kind and unit and direction:
            kpi = Kpi(
                kid,
                name,
                kind,
                unit,
                direction,
                target,
                owner,
                baseline,
                tuple(d for d, _ in drives),
                bool(shared),
                weight or 1.0,
            )
            raw.append((kpi, drives))
    kinds = declared_kinds(data)
    for kpi, drives in raw:
        for ref, dline in drives:
            if "/" in ref:
                links.append(CrossLink(kpi.id, ref, dline))
            elif ref not in kinds or kinds[ref] == "operational":
                found = f"'{ref}'" if ref not in kinds else f"'{ref}' (operational)"
                ctx.add(dline, f"kpi {kpi.id}", "drives", "an outcome KPI id from kpis.yaml", found)
        kpis.append(kpi)
    return kpis, links


def declared_kinds(data: object) -> dict[str, str | None]:
    """KPI id -> its kind as written (None if the kind itself is wrong), for every KPI with a valid id."""
    items = data.get("kpis") if isinstance(data, dict) else None
    out: dict[str, str | None] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and is_slug(item.get("id")):
            kind = item.get("kind")
            out[item["id"]] = kind if kind in ("operational", "outcome") else None
    return out
