"""Writes tests/reference/stats/*.json: input rows, builder options and the expected rows.

Run from the repository root, then format the output as the repository does:
    python3 scripts/reference/stats_reference.py && npx prettier --write tests/reference/stats
Deterministic (seeded NumPy generators), so a rerun without a change reproduces the files.
The TypeScript tests load the rows into real tables, run the SQL builders and compare; they never
run Python.
"""

import json
import pathlib
import sys

from scipy import stats

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from ref_data import CLINICS, MEASURES, episode_measures  # noqa: E402
from ref_models import adjusted_means, compare  # noqa: E402
from ref_points import episode_points  # noqa: E402
from ref_stats import chip_counts, distribution, excluded, nice_width, summary  # noqa: E402
from ref_trend import trend  # noqa: E402

OUT = pathlib.Path("tests/reference/stats")


def everything():
    return (lambda r: True), {"sql": "TRUE", "params": []}


def eq(column, value):
    return (lambda r: r[column] == value), {"sql": f"{column}::VARCHAR = ?", "params": [value]}


def one_of(column, values):
    marks = ", ".join("?" for _ in values)
    return (lambda r: r[column] in values), {"sql": f"{column} IN ({marks})", "params": values}


def both(a, b):
    return (lambda r: a[0](r) and b[0](r)), {
        "sql": f"({a[1]['sql']}) AND ({b[1]['sql']})",
        "params": a[1]["params"] + b[1]["params"],
    }


def case(name, builder, expected, **options):
    return {"name": name, "builder": builder, "options": options, "expected": expected}


def summary_cases(rows):
    any_, ALL = everything()
    neck = eq("condition", "Neck pain")
    female = eq("sex", "F")
    out = []

    def add(name, measure, by, flt=(any_, ALL), min_patients=5, threshold=None, target=None):
        expected = summary(rows, measure, by, flt[0], min_patients, threshold, target)
        options = dict(measure=measure, by=by, filter=flt[1], minPatients=min_patients)
        out.append(case(name, "summary", expected, threshold=threshold, target=target, **options))

    cells = ["condition", "technique"]
    add("cells of 2 and 3, Wilson at 0 % and 100 %", "pain", cells, min_patients=1)
    add("small cells suppressed at the default", "pain", cells)
    add("threshold and target override the stored flags", "pain", ["technique"], neck, 1, 3.0, 2.0)
    add("no MCID and no threshold: no responders", "sleep", ["condition"], min_patients=1)
    add("higher is better: target reached from above", "sleep", ["condition"], target=7.0)
    add("dose: session length band", "pain", ["length_band"], min_patients=1)
    add("dose: sessions attended", "pain", ["sessions"], min_patients=1)
    add("filtered, by clinic", "pain", ["clinic"], female, min_patients=1)
    add("overall", "pain", [], min_patients=1)
    return out


def count_cases(rows):
    any_, ALL = everything()
    neck, NECK = eq("condition", "Neck pain")
    out = [
        case(name, "excluded", excluded(rows, "pain", flt[0]), measure="pain", filter=flt[1])
        for name, flt in [("excluded, all", (any_, ALL)), ("excluded, neck pain", (neck, NECK))]
    ]
    lbp = eq("condition", "Low back pain")
    # As the page builds them: each chip's own filter; chip i keeps what chips 1…i all keep. The
    # same field twice (a filter and a chart's selection on it) keeps their intersection.
    for name, chips in [
        ("chip counts, narrowing",
         [lbp, eq("technique", "Swedish"), one_of("length_band", [30, 45])]),
        ("chip counts, one field twice", [one_of("clinic", CLINICS), one_of("clinic", ["North"])]),
    ]:
        cumulative = [chips[0][0]]
        for c in chips[1:]:
            cumulative.append(lambda r, before=cumulative[-1], own=c[0]: before(r) and own(r))
        expected = [chip_counts(rows, "pain", cumulative)]
        out.append(case(name, "chipCounts", expected, measure="pain", chips=[c[1] for c in chips]))
    scale = MEASURES["pain"][4:6]
    small = both(eq("condition", "Neck pain"), eq("technique", "Deep tissue"))
    for name, flt, least in [("distribution, lbp", lbp, 1), ("distribution, small", small, 5)]:
        expected = distribution(rows, "pain", scale, flt[0], least)
        options = dict(measure="pain", filter=flt[1], minPatients=least)
        out.append(case(name, "distribution", expected, **options))
    return out


def model_cases(rows):
    any_, ALL = everything()
    out = []
    runs = [("pain", "Low back pain", everything(), 5), ("pain", "Low back pain", everything(), 1),
            ("pain", "Neck pain", everything(), 1), ("sleep", "Low back pain", eq("sex", "F"), 1)]
    for measure, condition, flt, least in runs:
        args = (rows, measure, condition, flt[0], least)
        options = dict(measure=measure, condition=condition, filter=flt[1], minPatients=least)
        name = f"{measure}, {condition}, {flt[1]['sql']}, min {least}"
        out.append(case(f"compare {name}", "compare", compare(*args), **options))
        out.append(case(f"means {name}", "adjustedMeans", adjusted_means(*args), **options))
    return out


def trend_cases(points):
    any_, ALL = everything()
    out = []
    shapes = [("technique", None, 1), ("technique", "condition", 1), ("condition", None, 5),
              ("technique", "condition", 5)]
    for kind in ("paired", "raw"):
        for axis in ("time", "week"):
            for by, facet, least in shapes:
                expected = trend(points, "pain", axis, kind, by, facet, any_, least)
                options = dict(measure="pain", axis=axis, kind=kind, by=by, facet=facet)
                name = f"{kind} by {by} over {axis}, facet {facet}, min {least}"
                out.append(case(name, "trend", expected, filter=ALL, minPatients=least, **options))
    lbp, LBP = eq("condition", "Low back pain")
    expected = trend(points, "pain", "time", "paired", "technique", None, lbp, 1)
    options = dict(measure="pain", axis="time", kind="paired", by="technique", facet=None)
    options.update(filter=LBP, minPatients=1)
    out.append(case("paired, one condition", "trend", expected, **options))
    check_dropout(points)
    return out


def check_dropout(points):
    """The fixture must show what the paired trend is for, or the test proves nothing."""
    everyone = lambda r: True  # noqa: E731
    raw = trend(points, "pain", "time", "raw", "technique", "condition", everyone, 1)
    paired = trend(points, "pain", "time", "paired", "technique", "condition", everyone, 1)
    at = {(r["facet"], r["series"], r["time"]): r["mean"] for r in raw}
    change = {(r["facet"], r["series"], r["time"]): r["mean"] for r in paired}
    key = ("Low back pain", "Swedish")
    assert at[(*key, 4.0)] > at[(*key, 3.0)], "raw mean should rise as the milder cases leave"
    assert change[(*key, 4.0)] >= change[(*key, 3.0)], "paired change should not fall"


def p_values():
    """Both methods of the SQL: the finite series up to df 1000, the y-series above."""
    grid = [0.0, 0.25, 1.0, 1.96, -2.5, 4.0, 10.0, 11.99, 12.01, 30.0]
    dfs = (1, 2, 3, 4, 5, 10, 30, 200, 999, 1000, 1001, 1002, 5000, 10**5, 10**6, 10**7)
    return [{"df": df, "t": t, "p": float(2 * stats.t.sf(abs(t), df))} for df in dfs for t in grid]


def write(name, content):
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(content, ensure_ascii=False, allow_nan=False, indent=1)
    (OUT / name).write_text(text + "\n")


def main():
    rows = episode_measures()
    measures = [{"key": k, "min": v[4], "max": v[5]} for k, v in MEASURES.items()]
    cases = summary_cases(rows) + count_cases(rows) + model_cases(rows)
    write("episode-measures.json", {"episode_measures": rows, "measures": measures, "cases": cases})
    points = episode_points()
    write("trend.json", {"episode_points": points, "cases": trend_cases(points)})
    write("t-p-values.json", p_values())
    scales = [(0, 10), (0, 100), (0, 24), (0, 1), (0, 50), (0, 4)]
    widths = [{"min": a, "max": b, "width": nice_width(a, b)} for a, b in scales]
    write("bin-widths.json", widths)


if __name__ == "__main__":
    main()
