"""Writes tests/reference/stats/case-mix.json (the case-mix model and provider comparison),
case-mix-shares.json (each provider's mix of conditions, techniques and age bands) and
director-kpis.json (the director's headline counts).

Run from the repository root, then format the output as the repository does:
    python3 scripts/reference/director_reference.py && npx prettier --write tests/reference/stats
Reads the episode rows of episode-measures.json (the very rows the TypeScript tests load) and
fits the model the slow, obvious way: a full design matrix (intercept, baseline, sessions and
one dummy per condition, technique and age-band level but the first) solved by
numpy.linalg.lstsq, whose minimum-norm solution has the least-squares fitted values even where
levels are aliased; the rank from numpy.linalg.matrix_rank; t quantiles from scipy.stats.t.
Never the cell sums and Gauss–Jordan elimination the SQL uses. None stands for SQL NULL.
"""

import json
import math
import pathlib
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from ref_stats import wilson  # noqa: E402

OUT = pathlib.Path("tests/reference/stats")
FACTORS = ("condition", "technique", "age_band")
Z = 1.959963984540054


def label(value):
    return "" if value is None else value


def fit(rows):
    """Fitted improvement per included row, the rank and the residual SD."""
    columns = [[1.0] * len(rows), [r["baseline"] for r in rows], [r["sessions"] for r in rows]]
    for factor in FACTORS:
        levels = sorted({label(r[factor]) for r in rows})
        for level in levels[1:]:
            columns.append([1.0 if label(r[factor]) == level else 0.0 for r in rows])
    x = np.array(columns, dtype=float).T
    y = np.array([r["improvement"] for r in rows], dtype=float)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    fitted = x @ beta
    rank = int(np.linalg.matrix_rank(x))
    sigma = math.sqrt(float(np.sum((y - fitted) ** 2)) / (len(rows) - rank))
    return fitted, rank, sigma


def compare(all_rows, measure, by, chosen, min_patients):
    rows = [r for r in all_rows if r["measure"] == measure and r["excluded"] is None]
    fitted, rank, sigma = fit(rows)
    groups = {}
    for r, e in zip(rows, fitted):
        if chosen(r):
            groups.setdefault(r[by], []).append((r, float(e)))
    out = []
    for provider, members in groups.items():
        n = len(members)
        patients = len({r["patient_no"] for r, _ in members})
        residuals = [r["improvement"] - e for r, e in members]
        d = float(np.mean(residuals))
        se = sigma / math.sqrt(n)
        row = {"provider": provider, "n": n, "patients": patients,
               "suppressed": patients < min_patients,
               "observed_mean": float(np.mean([r["improvement"] for r, _ in members])),
               "expected_mean": float(np.mean([e for _, e in members])), "difference": d,
               "ci_low": None, "ci_high": None, "se": se, "limit_95": Z * se,
               "limit_998": 3 * se, "z": d / se,
               "baseline_mean": float(np.mean([r["baseline"] for r, _ in members])),
               "sessions_mean": float(np.mean([r["sessions"] for r, _ in members])),
               "model_n": len(rows), "model_rank": rank, "sigma": sigma}
        if n >= 2:
            half = float(stats.t.ppf(0.975, n - 1)) * float(np.std(residuals, ddof=1)) / math.sqrt(n)
            row["ci_low"], row["ci_high"] = d - half, d + half
        if row["suppressed"]:
            for key in row:
                if key not in ("provider", "n", "patients", "suppressed", "model_n", "model_rank",
                               "sigma"):
                    row[key] = None
        out.append(row)
    out.sort(key=lambda r: (r["suppressed"], -(r["difference"] or 0), label(r["provider"])))
    return out


def shares(all_rows, measure, by, factor, chosen, min_patients):
    """Each provider's share of episodes at each level, counted one episode at a time."""
    rows = [r for r in all_rows if r["measure"] == measure and r["excluded"] is None and chosen(r)]
    level_n = {}
    for r in rows:
        level_n[r[factor]] = level_n.get(r[factor], 0) + 1
    levels = sorted(level_n, key=lambda v: (-level_n[v], v is None, label(v)))
    out = []
    for provider in sorted({r[by] for r in rows}, key=lambda v: (v is None, label(v))):
        members = [r for r in rows if r[by] == provider]
        patients = len({r["patient_no"] for r in members})
        suppressed = patients < min_patients
        for level in levels:
            k = sum(1 for r in members if r[factor] == level)
            out.append({"provider": provider, "level": level, "n": len(members),
                        "patients": patients, "suppressed": suppressed,
                        "episodes": None if suppressed else k,
                        "share": None if suppressed else k / len(members),
                        "level_n": level_n[level], "overall_share": level_n[level] / len(rows)})
    return out


def share_cases(rows):
    everyone = (lambda r: True), {"sql": "TRUE", "params": []}
    female = (lambda r: r["sex"] == "F"), {"sql": "sex::VARCHAR = ?", "params": ["F"]}
    cases = []
    for name, measure, by, factor, flt, least in [
        ("pain, clinics by condition", "pain", "clinic", "condition", everyone, 1),
        ("pain, therapists by technique, women, default small cells", "pain", "therapist",
         "technique", female, 5),
        ("sleep, clinics by age band", "sleep", "clinic", "age_band", everyone, 1),
    ]:
        options = {"measure": measure, "by": by, "factor": factor, "filter": flt[1],
                   "minPatients": least}
        cases.append({"name": name, "options": options,
                      "expected": shares(rows, measure, by, factor, flt[0], least)})
    return cases


def kpis(all_rows, measure, chosen, planned=6, ended_after=28, threshold=None):
    """Counted one episode at a time; dates as Python dates. A threshold replaces the MCID."""
    import datetime as dt
    import statistics

    def last_day(r):
        if r["start_date"] is None:
            return None
        return dt.date.fromisoformat(r["start_date"]) + dt.timedelta(days=r["days_followed"])

    ends = [last_day(r) for r in all_rows if last_day(r) is not None]
    data_end = max(ends) if ends else None
    rows = [r for r in all_rows if r["measure"] == measure and chosen(r)]
    ended = [r for r in rows if last_day(r) is not None
             and last_day(r) <= data_end - dt.timedelta(days=ended_after)]
    def improved(r):
        if threshold is None:
            return r["responder"]
        return r["improvement"] is not None and r["improvement"] >= threshold

    dropouts = [r for r in ended if r["sessions"] < planned and not improved(r)]
    followed = [r for r in rows if r["excluded"] is None]
    out = {"episodes": len(rows), "patients": len({r["patient_no"] for r in rows}),
           "sessions": sum(r["sessions"] for r in rows),
           "median_sessions": float(statistics.median(r["sessions"] for r in rows)) if rows else None,
           "followed_up": len(followed), "ended": len(ended), "dropouts": len(dropouts)}
    for key, x, n in (("follow_up", len(followed), len(rows)), ("dropout", len(dropouts), len(ended))):
        out[f"{key}_rate"] = x / n if n else None
        out[f"{key}_ci_low"], out[f"{key}_ci_high"] = wilson(x, n)
    return out


def kpi_cases(rows):
    everyone = (lambda r: True), {"sql": "TRUE", "params": []}
    north = (lambda r: r["clinic"] == "North"), {"sql": "clinic::VARCHAR = ?", "params": ["North"]}
    nobody = (lambda r: False), {"sql": "FALSE", "params": []}
    no_dates = [{**r, "start_date": None} for r in rows]
    cases = []
    for name, data, measure, flt, threshold in [
        ("pain, everyone", rows, "pain", everyone, None),
        ("sleep, one clinic", rows, "sleep", north, None),
        ("sleep (no MCID) with a responder threshold of 1", rows, "sleep", everyone, 1),
        ("no episode in the filter", rows, "pain", nobody, None),
        ("no dates: no episode known to have ended", no_dates, "pain", everyone, None),
    ]:
        options = {"measure": measure, "filter": flt[1]}
        if threshold is not None:
            options["threshold"] = threshold
        case = {"name": name, "options": options,
                "expected": [kpis(data, measure, flt[0], threshold=threshold)]}
        if data is no_dates:
            case["episode_measures"] = no_dates
        cases.append(case)
    return cases


def main():
    source = json.loads((OUT / "episode-measures.json").read_text())
    rows = source["episode_measures"]
    everyone = (lambda r: True), {"sql": "TRUE", "params": []}
    female = (lambda r: r["sex"] == "F"), {"sql": "sex::VARCHAR = ?", "params": ["F"]}
    # Age band made a function of the condition: its dummies are aliased with the condition's.
    bands = {"Low back pain": "40–49", "Neck pain": "50–59"}
    aliased = [{**r, "age_band": bands.get(r["condition"], r["age_band"])} for r in rows]
    cases = []
    for name, data, measure, by, flt, least in [
        ("pain by clinic", rows, "pain", "clinic", everyone, 1),
        ("pain by therapist, women, default small cells", rows, "pain", "therapist", female, 5),
        ("sleep by therapist", rows, "sleep", "therapist", everyone, 1),
        ("aliased levels, pain by clinic", aliased, "pain", "clinic", everyone, 1),
    ]:
        expected = compare(data, measure, by, flt[0], least)
        options = {"measure": measure, "by": by, "filter": flt[1], "minPatients": least}
        case = {"name": name, "options": options, "expected": expected}
        if data is aliased:
            case["episode_measures"] = aliased
        cases.append(case)
    text = json.dumps({"cases": cases}, ensure_ascii=False, allow_nan=False, indent=1)
    (OUT / "case-mix.json").write_text(text + "\n")
    text = json.dumps({"cases": share_cases(rows)}, ensure_ascii=False, allow_nan=False, indent=1)
    (OUT / "case-mix-shares.json").write_text(text + "\n")
    text = json.dumps({"cases": kpi_cases(rows)}, ensure_ascii=False, allow_nan=False, indent=1)
    (OUT / "director-kpis.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
