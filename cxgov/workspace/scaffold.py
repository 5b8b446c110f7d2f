"""Render templates/committee/ into the files of a new, valid committee."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from string import Template

from cxgov.errors import CxgovError, show
from cxgov.workspace.ids import SLUG_RULE, is_slug
from cxgov.workspace.load_plan import default_due
from cxgov.workspace.model import Org
from cxgov.workspace.safeyaml import parse_yaml


def templates_dir() -> Path:
    """$CXGOV_TEMPLATES, else templates/committee at the project root."""
    env = os.environ.get("CXGOV_TEMPLATES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "templates" / "committee"


def yaml_text(text: str) -> str:
    """text as a YAML value: plain when it reads back as itself, else double-quoted.

    A name like 'Billing: council #2', 'yes', '123' or '[x]' would otherwise read back as something else.
    """
    data, problems = parse_yaml(f"k: {text}\n", "name")
    if not problems and isinstance(data, dict) and data.get("k") == text and type(data["k"]) is str:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render(
    org: Org,
    committee_id: str,
    launch: date,
    name: str | None = None,
    chair: str | None = None,
    sponsor: str | None = None,
    purpose: str | None = None,
    departments: Sequence[str] = (),
) -> dict[str, str]:
    """The files of a new committee, by file name; raises CxgovError for unknown people.

    purpose and departments are the chair's answers; without them the purpose is a prompt to replace
    and the departments are the chair's and the sponsor's.
    """
    if not is_slug(committee_id):
        raise CxgovError(f"committee id: expected {SLUG_RULE}; found {show(committee_id)}")
    if not org.people:
        raise CxgovError("org.yaml has no people; add the chair there first")
    chair = chair or org.people[0].id
    for role, pid in (("chair", chair), ("sponsor", sponsor)):
        if pid is not None and pid not in org.person:
            raise CxgovError(f"--{role}: expected a person id from org.yaml, found {show(pid)}")
    members = [chair] + ([sponsor] if sponsor and sponsor != chair else [])
    departments = list(departments) or list(
        dict.fromkeys(org.person[p].department for p in members if org.person[p].department)
    )
    if name is not None and (not name.strip() or not name.isprintable()):
        # A line break would end the YAML value (and the comments that name the committee) early.
        raise CxgovError(f"--name: expected one line of text, found {show(name) if name.isprintable() else repr(name)}")
    title = name.strip() if name else committee_id.replace("-", " ").capitalize()
    values = {
        "id": committee_id,
        "name": yaml_text(title),
        "purpose": yaml_text(
            " ".join(purpose.split())
            if purpose and purpose.strip()
            else f"Say in one sentence what {title} aligns the departments on."
        ),
        "chair": chair,
        "sponsor_line": f"sponsor: {sponsor}                  # executive sponsor"
        if sponsor
        else "# sponsor: someone                # executive sponsor, a person id (health rule H5)",
        "members": ", ".join(members),
        "departments": ", ".join(departments),
        "launch": launch.isoformat(),
        "due3": default_due(launch, 3).isoformat(),
        "due6": default_due(launch, 6).isoformat(),
        "due12": default_due(launch, 12).isoformat(),
    }
    folder = templates_dir()
    if not folder.is_dir():
        raise CxgovError(f"{folder}: expected the committee templates folder, found nothing")
    return {
        p.name: Template(p.read_text(encoding="utf-8")).safe_substitute(values)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }
