"""Checks a de-identified extract on its own, independently of the TypeScript that wrote it.

    python3 scripts/reference/deid_check.py extract.csv extract.report.json [pain,sleep,...]

Reads the CSV with Python's csv module and the report JSON, and verifies what the issue asks of
the export: only allow-listed columns (the fixed ones, plus one score column per measure named
on the command line, by default the four built-in ones), no
value that reads as a calendar date (nor a year in a text column), no notes column unless the report warns of it,
every combination of the report's quasi-identifiers shared by at least k distinct patients, and
the report's counts (rows, patients, episodes, combinations, k reached) equal to the file's.
Prints one JSON object of what it found; exits 1 when a check fails, naming it.
"""

import csv
import json
import re
import sys
from collections import defaultdict

FIXED = {"patient", "episode", "session", "days", "visit", "condition", "technique",
         "age_band", "sex", "clinic", "therapist", "minutes"}
TEXT = {"patient", "condition", "technique", "age_band", "sex", "clinic", "therapist"}
# A date in any common form; in a text column also a year (numbers, such as days, may be 2019).
DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
YEAR = re.compile(r"\b(19|20)\d{2}\b")


def main(extract_path, report_path, measures="pain,flexibility,sleep,stress"):
    allowed = FIXED | set(measures.split(","))
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(extract_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        rows = list(reader)
    notes_allowed = any("notes" in w for w in report["warnings"])
    quasi = report["quasiIdentifiers"]
    classes = defaultdict(set)
    for row in rows:
        classes[tuple(row[q] for q in quasi)].add(row["patient"])
    smallest = min((len(p) for p in classes.values()), default=None)
    found = {
        "rows": len(rows),
        "patients": len({r["patient"] for r in rows}),
        "episodes": len({(r["patient"], r["episode"]) for r in rows}),
        "classes": len(classes),
        "smallest_class": smallest,
        "unexpected_columns": [c for c in columns if c not in allowed and
                               not (c == "notes" and notes_allowed)],
        "date_like_values": sorted({v for r in rows for c, v in r.items()
                                    if c != "notes" and v and (DATE.search(v) or
                                                                  c in TEXT and YEAR.search(v))})[:10],
    }
    failures = []
    if found["unexpected_columns"]:
        failures.append("columns outside the allow-list")
    if found["date_like_values"]:
        failures.append("values that read as dates")
    if smallest is not None and smallest < report["k"]:
        failures.append(f"a combination of {smallest} patients, below k = {report['k']}")
    if smallest != report["kReached"]:
        failures.append(f"k reached is {smallest}, the report says {report['kReached']}")
    out = report["output"]
    for key in ("rows", "patients", "episodes", "classes"):
        if found[key] != out[key]:
            failures.append(f"{key}: the file has {found[key]}, the report says {out[key]}")
    if out["rows"] + report["suppressed"]["rows"] != report["input"]["sessions"]:
        failures.append("exported + suppressed rows do not add up to the sessions")
    found["failures"] = failures
    print(json.dumps(found))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
