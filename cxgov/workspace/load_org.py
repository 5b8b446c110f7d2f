"""Load and validate org.yaml: departments, people and the customer journey."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cxgov.errors import CxgovError, Problem
from cxgov.workspace.fields import Ctx, Fields
from cxgov.workspace.model import Department, Journey, Org, Person, Stage, Touchpoint
from cxgov.workspace.safeyaml import load_yaml

ORG_KEYS = ("organisation", "departments", "people", "journey", "locale")
PERSON_KEYS = ("id", "name", "email", "department", "title", "executive", "login", "admin")
# A JupyterHub user name as the Hub shows it (it lowercases names): an e-mail address fits too.
LOGIN = re.compile(r"[a-z0-9][a-z0-9._@+-]{0,127}")
LOGIN_RULE = "a login of a-z, 0-9 and . _ @ + - (at most 128, as JupyterHub shows it: lowercase)"
JOURNEY_KEYS = ("agreed", "stages", "priorities")


def load_org(root: Path, shown: str, problems: list[Problem], within: tuple[str, ...]) -> Org | None:
    """Load org.yaml; None when it is missing or not a mapping at all."""
    path = os.path.normpath(os.path.join(shown, "org.yaml"))
    data, found = load_yaml(root / "org.yaml", path, within)
    problems.extend(found)
    if found:
        return None
    ctx = Ctx(path, None, problems)
    top = ctx.mapping(data, 1, None, "")
    if top is None:
        return None
    top.allowed(ORG_KEYS)
    name = top.text("organisation") or ""
    departments = _departments(top)
    dept_ids = {d.id for d in departments}
    people = _people(top, dept_ids)
    journey = _journey(top)
    return Org(name, tuple(departments), tuple(people), journey, _locale(top))


def _locale(top: Fields) -> str:
    """The locale the organisation's pages write numbers, money and dates in (Babel's code, e.g. pl_PL); "" unset."""
    code = top.text("locale", required=False)
    if code is None:
        return ""
    from cxgov.i18n.numbers import check  # Babel only for a workspace that names a locale

    try:
        return check(code)
    except CxgovError:
        top.bad("locale", "a locale such as en, en_GB, pl_PL, uk, lt or zh_Hans", f"'{code}'")
        return ""


def _departments(top: Fields) -> list[Department]:
    out: list[Department] = []
    seen: set[str] = set()
    for _, line, item in top.items("departments", required=True):
        f = top.ctx.mapping(item, line, "department", "departments", nested=False)
        if f is None:
            continue
        did = f.ident("id")
        f.obj = f"department {did}" if did else "department"
        f.allowed(("id", "name"))
        name = f.text("name")
        if did and did in seen:
            f.bad("id", "a unique department id", f"'{did}' again")
        elif did:
            seen.add(did)
            out.append(Department(did, name or did))
    return out


def _people(top: Fields, dept_ids: set[str]) -> list[Person]:
    out: list[Person] = []
    seen: set[str] = set()
    logins: set[str] = set()
    for _, line, item in top.items("people", required=True):
        f = top.ctx.mapping(item, line, "person", "people", nested=False)
        if f is None:
            continue
        pid = f.ident("id")
        f.obj = f"person {pid}" if pid else "person"
        f.allowed(PERSON_KEYS)
        name = f.text("name")
        dept = f.ref("department", f.ident("department"), dept_ids, "department")
        email = f.text("email", required=False)
        if email is not None and "@" not in email:
            f.bad("email", "an e-mail address", f"'{email}'")
        title = f.text("title", required=False)
        executive = f.flag("executive")
        login = _login(f, logins)
        admin = f.flag("admin")
        if pid and pid in seen:
            f.bad("id", "a unique person id", f"'{pid}' again")
        elif pid:
            # Registered even when other fields are wrong, so that references
            # to this person do not add a second, misleading problem.
            seen.add(pid)
            out.append(Person(pid, name or pid, dept or "", email, title, bool(executive), login, bool(admin)))
    return out


def _login(f: Fields, logins: set[str]) -> str | None:
    """The person's JupyterHub login: one person per login, or the Hub could not tell who signs in."""
    login = f.text("login", required=False)
    if login is None:
        return None
    if LOGIN.fullmatch(login) is None:
        f.bad("login", LOGIN_RULE, f"'{login}'")
        return None
    if login in logins:
        f.bad("login", "a login no other person has", f"'{login}' again")
        return None
    logins.add(login)
    return login


def _journey(top: Fields) -> Journey | None:
    if top.m.get("journey") is None:
        return None
    j = top.ctx.mapping(top.m["journey"], top.line("journey"), "journey", "journey")
    if j is None:
        return None
    j.prefix = ""
    j.allowed(JOURNEY_KEYS)
    agreed = j.date("agreed", required=False)
    stages: list[Stage] = []
    seen_stage: set[str] = set()
    seen_tp: set[str] = set()
    for _, line, item in j.items("stages"):
        s = j.ctx.mapping(item, line, "stage", "stages", nested=False)
        if s is None:
            continue
        sid = s.ident("id")
        s.obj, s.prefix = (f"stage {sid}" if sid else "stage"), ""
        s.allowed(("id", "name", "touchpoints"))
        sname = s.text("name")
        if sid and sid in seen_stage:
            s.bad("id", "a unique stage id", f"'{sid}' again")
            continue
        touchpoints: list[Touchpoint] = []
        for _, tline, titem in s.items("touchpoints"):
            t = s.ctx.mapping(titem, tline, "touchpoint", "touchpoints", nested=False)
            if t is None:
                continue
            tid = t.ident("id")
            t.obj, t.prefix = (f"touchpoint {tid}" if tid else "touchpoint"), ""
            t.allowed(("id", "name", "channel"))
            tname = t.text("name")
            channel = t.text("channel", required=False)
            if tid and tid in seen_tp:
                t.bad("id", "a unique touchpoint id", f"'{tid}' again")
            elif tid and sid:
                seen_tp.add(tid)
                touchpoints.append(Touchpoint(tid, tname or tid, channel, sid))
        if sid:
            seen_stage.add(sid)
            stages.append(Stage(sid, sname or sid, tuple(touchpoints)))
    # More than 15 priorities is reported, and also judged by health rule H2,
    # so it does not keep the journey from loading.
    priorities = j.ids("priorities", seen_tp, "touchpoint") or ()
    if len(priorities) > 15:
        j.bad("priorities", "at most 15 ranked touchpoint ids", str(len(priorities)), blocking=False)
    return Journey(agreed, tuple(stages), priorities)
