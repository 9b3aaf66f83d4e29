"""Generate a synthetic, valid handbook of N procedures (with proportional actors, records,
requirements, conformity entries and risks) for benchmarks.

    python bench/generate.py OUT_DIR N
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONTROL = """control:
  revision: 1
  status: effective
  owner: A{owner}
  approver: A0
  approved: 2026-11-02
  effective: 2026-11-16
  next_review: 2027-11-16
"""


def procedure(i: int, n_actors: int) -> str:
    acts = []
    for a in range(1, 4):
        acts.append(
            f"""  - id: A{a}
    title: Aktivitet {a} i procedure {i}
    description: Beskrivelse af aktiviteten med **Markdown** og æøå.
    raci:
      A{i % n_actors}: RA
      A{(i + a) % n_actors}: C
      A{(i + 2 * a) % n_actors}: I
    steps:
      - Første trin for aktivitet {a}.
      - Andet trin for aktivitet {a}.
      - Tredje trin for aktivitet {a}.
    records: [REC-{i}-{a}]
"""
        )
    refs = f"  - procedure: PR-{max(1, i - 1)}\n  - external: ISO 13485:2016\n"
    body = f"id: PR-{i}\nkind: procedure\ntitle: Procedure {i}\n" + CONTROL.format(owner=i % n_actors)
    body += f"purpose: Formålet med procedure {i}.\nscope: Omfanget af procedure {i}.\n"
    body += "definitions:\n  - term: Begreb\n    definition: Betydningen af begrebet.\n"
    return body + "activities:\n" + "".join(acts) + "references:\n" + refs


def record(i: int, a: int, n_actors: int) -> str:
    return (
        f"id: REC-{i}-{a}\nkind: record\ntitle: Registrering {i}.{a}\ndescription: Evidens.\n"
        f"owner: A{i % n_actors}\nlocation: Arkiv\nretention: 10 år\nstatus: available\n"
    )


def catalogue(c: int, per: int) -> str:
    reqs = "".join(
        f"  - id: C{c}-R{r}\n    ref: Pkt. {r}\n    title: Krav {r}\n    text: Kravets indhold.\n    applicable: true\n"
        for r in range(per)
    )
    return f"id: C{c}\nkind: catalogue\ntitle: Katalog {c}\nsource: Syntetisk\nrequirements:\n{reqs}"


def matrix(c: int, per: int, n_procs: int, marks: dict[str, str]) -> str:
    """Every entry is marked as assessed against its procedure (rev. 1) and record, as `handbook
    review` would write it, so the synthetic handbook has no suspect links."""
    entries = "".join(
        f"""  - requirement: C{c}-R{r}
    status: met
    responsible: A0
    procedures: [PR-{(c * per + r) % n_procs + 1}]
    evidence: [REC-{(c * per + r) % n_procs + 1}-1]
    justification: Opfyldt af proceduren.
    assessed:
      PR-{(c * per + r) % n_procs + 1}: 1
      REC-{(c * per + r) % n_procs + 1}-1: '{marks[f"REC-{(c * per + r) % n_procs + 1}-1"]}'
"""
        for r in range(per)
    )
    return f"id: CONF-C{c}\nkind: conformity\ntitle: Matrix {c}\ncatalogue: C{c}\nentries:\n{entries}"


def _mark(text: str) -> str:
    from handbook.fingerprint import short_fingerprint
    from handbook.yamlload import load_text

    data = load_text(text, "").data
    assert data is not None
    return short_fingerprint(data)


def generate(out: Path, n: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    qms = out / "qms"
    for sub in ("actors", "procedures", "records", "catalogues", "conformity", "risks"):
        (qms / sub).mkdir(parents=True)
    shutil.copytree(REPO / "qms" / "schemas", qms / "schemas")
    (qms / "handbook.yaml").write_text(
        "kind: settings\ntitle: Syntetisk håndbog\norganisation: A0\ntoday: 2026-11-26\n", encoding="utf-8"
    )
    n_actors = max(5, n // 100)
    for a in range(n_actors):
        (qms / "actors" / f"A{a}.yaml").write_text(
            f"id: A{a}\nkind: actor\nname: Aktør {a}\ntype: governance\nrole: Rolle {a}.\n", encoding="utf-8"
        )
    marks = {}
    for i in range(1, n + 1):
        (qms / "procedures" / f"PR-{i}.yaml").write_text(procedure(i, n_actors), encoding="utf-8")
        for a in range(1, 4):
            text = record(i, a, n_actors)
            (qms / "records" / f"REC-{i}-{a}.yaml").write_text(text, encoding="utf-8")
            if a == 1:
                marks[f"REC-{i}-1"] = _mark(text)
    per, n_cats = 50, max(1, n // 50)  # one requirement per procedure
    for c in range(n_cats):
        (qms / "catalogues" / f"C{c}.yaml").write_text(catalogue(c, per), encoding="utf-8")
        (qms / "conformity" / f"CONF-C{c}.yaml").write_text(matrix(c, per, n, marks), encoding="utf-8")
    for r in range(max(1, n // 10)):
        (qms / "risks" / f"RISK-{r}.yaml").write_text(
            f"id: RISK-{r}\nkind: risk\ntitle: Risiko {r}\ncategory: operational\nowner: A0\ndescription: Beskrivelse.\n"
            f"probability: 2\nseverity: 3\nmitigations:\n  - Tiltag.\nstatus: open\nidentified: 2026-01-01\n"
            f"next_review: 2027-01-15\nprocedures: [PR-{r + 1}]\n",
            encoding="utf-8",
        )


    # Every document says whether it is public or internal (a required field).
    for path in qms.rglob("*.yaml"):
        if path.name != "handbook.yaml":
            with path.open("a", encoding="utf-8") as doc:
                doc.write("confidentiality: public\n")


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
