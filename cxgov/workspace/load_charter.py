"""Load and validate a committee's charter (committee.yaml)."""

from __future__ import annotations

from cxgov.workspace.fields import Ctx
from cxgov.workspace.model import CADENCES, BudgetLine, Charter, Org

CHARTER_KEYS = ("id", "name", "purpose", "chair", "sponsor", "members", "departments", "cadence", "launch", "budget")


def read_charter(ctx: Ctx, data: object, folder: str, org: Org) -> Charter | None:
    """Validate committee.yaml's data; None if anything blocking is wrong."""
    start = ctx.blocking
    f = ctx.mapping(data, 1, None, "")
    if f is None:
        return None
    f.obj = f"committee {folder}"
    f.allowed(CHARTER_KEYS)
    cid = f.ident("id")
    if cid is not None and cid != folder:
        f.bad("id", f"the folder name '{folder}'", f"'{cid}'")
    name = f.text("name")
    purpose = f.text("purpose")
    people = org.person
    members = f.ids("members", people, "person", required=True)
    chair = f.ref("chair", f.ident("chair"), people, "person")
    if chair is not None and members is not None and chair not in members:
        f.bad("chair", "a member of the committee", f"'{chair}'")
    sponsor = f.ref("sponsor", f.ident("sponsor", required=False), people, "person")
    departments = f.ids("departments", org.department, "department", required=True)
    cadence = f.choice("cadence", tuple(CADENCES))
    launch = f.date("launch")
    budget: list[BudgetLine] = []
    for i, line, item in f.items("budget"):
        b = ctx.mapping(item, line, f.obj, f"budget[{i + 1}]")
        if b is None:
            continue
        b.allowed(("line", "amount", "currency", "departments"))
        label = b.text("line")
        amount = b.number("amount", minimum=0)
        currency = b.text("currency")
        if currency is not None and not (len(currency) == 3 and currency.isalpha() and currency.isupper()):
            b.bad("currency", "a three-letter currency code like EUR", f"'{currency}'")
        depts = b.ids("departments", org.department, "department")
        if label and amount is not None and currency and depts is not None:
            budget.append(BudgetLine(label, amount, currency, depts))
    if ctx.blocking > start:
        return None
    assert cid and name and purpose and chair and members and departments and cadence and launch
    return Charter(cid, name, purpose, chair, sponsor, members, departments, cadence, launch, tuple(budget))
