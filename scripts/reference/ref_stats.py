"""The statistics of domain.md computed the slow, obvious way with NumPy and SciPy.

Independent of the app's SQL on purpose: t quantiles and p-values from scipy.stats.t, the
pooled t-test from scipy.stats.ttest_ind, Benjamini–Hochberg from
scipy.stats.false_discovery_control, the ANCOVA as a full OLS fit (numpy.linalg.lstsq on a design
matrix with technique dummies and baseline) with contrasts read from its covariance matrix —
never the closed forms the SQL uses. None stands for SQL NULL.
"""

import math

import numpy as np
from scipy import stats

Z = 1.959963984540054


def t975(df):
    return float(stats.t.ppf(0.975, df)) if df >= 1 else None


def mean_ci(values):
    """n, mean, SD (n − 1) and the 95 % t-interval; None where undefined (n < 2)."""
    n = len(values)
    if n == 0:
        return 0, None, None, None, None
    mean = float(np.mean(values))
    if n < 2:
        return n, mean, None, None, None
    sd = float(np.std(values, ddof=1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return n, mean, sd, mean - half, mean + half


def wilson(x, n):
    """Wilson 95 % interval of x / n, clamped to [0, 1] (its ends are 0 or 1 up to rounding)."""
    if n == 0:
        return None, None
    p = x / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    denominator = 1 + Z * Z / n
    return max(0.0, (centre - half) / denominator), min(1.0, (centre + half) / denominator)


def share(flags):
    """count, rate, Wilson interval of the true flags among the non-None ones."""
    known = [f for f in flags if f is not None]
    if not known:
        return None, None, None, None
    x = sum(known)
    return x, x / len(known), *wilson(x, len(known))


def included(rows, measure, predicate):
    return [r for r in rows if r["measure"] == measure and r["excluded"] is None and predicate(r)]


STATISTICS = [
    "baseline_mean",
    "improvement_mean",
    "improvement_sd",
    "ci_low",
    "ci_high",
    "srm",
    "responders",
    "responder_rate",
    "responder_ci_low",
    "responder_ci_high",
    "target_n",
    "target_rate",
    "target_ci_low",
    "target_ci_high",
]


def summary(rows, measure, by, predicate, min_patients=5, threshold=None, target=None):
    cells = {}
    for r in included(rows, measure, predicate):
        cells.setdefault(tuple(r[f] for f in by), []).append(r)
    out = []
    for key in sorted(cells, key=lambda k: [(v is None, v) for v in k]):
        group = cells[key]
        improvements = [r["improvement"] for r in group]
        n, mean, sd, lo, hi = mean_ci(improvements)
        if threshold is not None:
            responders = [r["improvement"] >= threshold for r in group]
        else:
            responders = [r["responder"] for r in group]
        if target is not None:
            met = [
                r["last"] <= target if r["better"] == "lower" else r["last"] >= target
                for r in group
            ]
        else:
            met = [r["target_met"] for r in group]
        patients = len({r["patient_no"] for r in group})
        values = [float(np.mean([r["baseline"] for r in group])), mean, sd, lo, hi]
        values.append(mean / sd if sd else None)
        values += [*share(responders), *share(met)]
        suppressed = patients < min_patients
        row = dict(zip(by, key), n=n, patients=patients, suppressed=suppressed)
        row.update({k: None if suppressed else v for k, v in zip(STATISTICS, values)})
        out.append(row)
    return out


def excluded(rows, measure, predicate):
    reasons = {}
    for r in rows:
        if r["measure"] == measure and r["excluded"] is not None and predicate(r):
            reasons.setdefault(r["excluded"], []).append(r["patient_no"])
    total = sum(len(v) for v in reasons.values())
    return [
        {"excluded": k, "n": len(v), "patients": len(set(v)), "total": total}
        for k, v in sorted(reasons.items())
    ]


def chip_counts(rows, measure, predicates):
    """Included episodes and patients under each filter as given (1, 2…)."""
    everyone = included(rows, measure, lambda r: True)
    out = {}
    for i, predicate in enumerate(predicates, start=1):
        kept = [r for r in everyone if predicate(r)]
        out[f"n_{i}"] = len(kept)
        out[f"patients_{i}"] = len({r["patient_no"] for r in kept})
    return out


def nice_width(low, high):
    """About ten bins across the measure's scale, at 1, 2 or 5 × a power of ten."""
    raw = (high - low) / 10
    e = math.floor(math.log10(raw))
    f = raw / 10**e
    return (1 if f < 1.5 else 2 if f < 3.5 else 5 if f < 7.5 else 10) * 10.0**e


def distribution(rows, measure, scale, predicate, min_patients=5):
    group = included(rows, measure, predicate)
    n, patients = len(group), len({r["patient_no"] for r in group})
    total = {"n": n, "patients": patients, "suppressed": patients < min_patients}
    if total["suppressed"] or n == 0:
        return [dict(x0=None, x1=None, count=None, **total)]
    w = nice_width(*scale)
    bins = [math.floor(round(r["improvement"] / w, 9)) for r in group]
    return [
        dict(x0=k * w, x1=(k + 1) * w, count=bins.count(k), **total)
        for k in range(min(bins), max(bins) + 1)
    ]
