"""Technique comparisons within a condition, and the trend, computed independently of the SQL.

The ANCOVA (improvement ~ technique + baseline) is fitted as ordinary least squares on a full
design matrix with numpy.linalg.lstsq; adjusted differences and least-squares means are linear
contrasts of its coefficients, their standard errors read from s²(XᵀX)⁻¹.
"""

import itertools
import math

import numpy as np
from scipy import stats

from ref_stats import included, mean_ci, t975


def technique_groups(rows, measure, condition, predicate, min_patients):
    """Included episodes of the condition per technique (a technique not recorded takes no part)."""
    groups = {}
    for r in included(rows, measure, predicate):
        if r["condition"] == condition and r["technique"] is not None:
            groups.setdefault(r["technique"], []).append(r)
    return {
        t: {
            "x": np.array([r["baseline"] for r in g]),
            "y": np.array([r["improvement"] for r in g]),
            "patients": len({r["patient_no"] for r in g}),
            "suppressed": len({r["patient_no"] for r in g}) < min_patients,
        }
        for t, g in sorted(groups.items())
    }


def ancova(groups):
    """OLS over the techniques that are shown; None when it cannot be fitted."""
    names = [t for t, g in groups.items() if not g["suppressed"]]
    if not names:
        return None
    x = np.concatenate([groups[t]["x"] for t in names])
    y = np.concatenate([groups[t]["y"] for t in names])
    dummies = [
        np.concatenate([np.full(len(groups[t]["x"]), float(t == u)) for t in names])
        for u in names[1:]
    ]
    design = np.column_stack([np.ones(len(x)), *dummies, x])
    df = len(x) - len(names) - 1
    if df < 1 or np.linalg.matrix_rank(design) < design.shape[1]:
        return None
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    s2 = float(np.sum((y - design @ coef) ** 2)) / df
    cov = s2 * np.linalg.inv(design.T @ design)
    return {"names": names, "coef": coef, "cov": cov, "df": df, "x_mean": float(np.mean(x))}


def contrast(model, vector):
    """Estimate, 95 % CI and two-sided p of a linear combination of the coefficients."""
    estimate = float(vector @ model["coef"])
    se = math.sqrt(float(vector @ model["cov"] @ vector))
    half = t975(model["df"]) * se
    p = float(2 * stats.t.sf(abs(estimate / se), model["df"]))
    return estimate, estimate - half, estimate + half, p


def ls_vector(model, technique, at):
    """Intercept, this technique's dummy, baseline at `at`: its least-squares mean."""
    names = model["names"]
    v = np.zeros(len(names) + 1)
    v[0] = 1.0
    if technique != names[0]:
        v[names.index(technique)] = 1.0
    v[-1] = at
    return v


def bh(p_values):
    """Benjamini–Hochberg q-values over the non-None p-values, in place of each."""
    known = [p for p in p_values if p is not None]
    q = iter(stats.false_discovery_control(known, method="bh") if known else [])
    return [None if p is None else float(next(q)) for p in p_values]


PAIR_STATISTICS = [
    "difference",
    "ci_low",
    "ci_high",
    "hedges_g",
    "p_value",
    "adjusted_difference",
    "adjusted_ci_low",
    "adjusted_ci_high",
    "adjusted_p_value",
]


def pair(groups, model, a, b):
    ga, gb = groups[a], groups[b]
    na, nb = len(ga["y"]), len(gb["y"])
    row = {"technique_a": a, "technique_b": b, "n_a": na, "n_b": nb}
    row["suppressed"] = ga["suppressed"] or gb["suppressed"]
    row.update(dict.fromkeys(PAIR_STATISTICS))
    if row["suppressed"]:
        return row
    diff = float(np.mean(ga["y"]) - np.mean(gb["y"]))
    row["difference"] = diff
    if na + nb < 3:  # no variance left to test with
        return row
    ssa, ssb = (float(np.sum((g["y"] - np.mean(g["y"])) ** 2)) for g in (ga, gb))
    sp = math.sqrt((ssa + ssb) / (na + nb - 2))
    half = t975(na + nb - 2) * sp * math.sqrt(1 / na + 1 / nb)
    test = stats.ttest_ind(ga["y"], gb["y"], equal_var=True)
    j = 1 - 3 / (4 * (na + nb) - 9)
    row.update(difference=diff, ci_low=diff - half, ci_high=diff + half, hedges_g=j * diff / sp)
    row["p_value"] = float(test.pvalue)
    if model:
        v = ls_vector(model, a, 0) - ls_vector(model, b, 0)
        d, lo, hi, p = contrast(model, v)
        row.update(adjusted_difference=d, adjusted_ci_low=lo, adjusted_ci_high=hi)
        row["adjusted_p_value"] = p
    return row


def compare(rows, measure, condition, predicate, min_patients=5):
    groups = technique_groups(rows, measure, condition, predicate, min_patients)
    model = ancova(groups)
    out = [pair(groups, model, a, b) for a, b in itertools.combinations(groups, 2)]
    for key in ("p_value", "adjusted_p_value"):
        for r, q in zip(out, bh([r[key] for r in out])):
            r[key.replace("p_value", "q_value")] = q
    return out


def adjusted_means(rows, measure, condition, predicate, min_patients=5):
    groups = technique_groups(rows, measure, condition, predicate, min_patients)
    model = ancova(groups)
    out = []
    for t, g in groups.items():
        n, mean, _, lo, hi = mean_ci(list(g["y"]))
        row = {"technique": t, "n": n, "patients": g["patients"], "suppressed": g["suppressed"]}
        row.update(mean=mean, ci_low=lo, ci_high=hi)
        row.update(adjusted_mean=None, adjusted_ci_low=None, adjusted_ci_high=None)
        if g["suppressed"]:
            row.update(mean=None, ci_low=None, ci_high=None)
        elif model:
            m, lo, hi, _ = contrast(model, ls_vector(model, t, model["x_mean"]))
            row.update(adjusted_mean=m, adjusted_ci_low=lo, adjusted_ci_high=hi)
        out.append(row)
    return out
