"""Paired and raw trends over `episode_points`, computed independently of the SQL."""

import numpy as np

from ref_stats import mean_ci

NOT_RECORDED = {"technique": "(technique not recorded)", "condition": "(condition not recorded)"}


def label(row, field):
    return row[field] if row[field] is not None else NOT_RECORDED[field]


def trend(points, measure, axis, kind, by, facet, predicate, min_patients=5):
    """One row per facet × series × time: n episodes, their patients, mean, SD, t-interval."""
    column = "change" if kind == "paired" else "value"
    per_episode = {}
    for p in points:
        if p["measure"] != measure or not predicate(p) or p[column] is None or p[axis] is None:
            continue
        where = (label(p, facet) if facet else None, label(p, by), float(p[axis]))
        episodes = per_episode.setdefault(where, {})
        episodes.setdefault(p["episode"], (p["patient_no"], []))[1].append(p[column])
    out = []
    for where in sorted(per_episode, key=lambda w: (w[0] or "", w[1], w[2])):
        episodes = per_episode[where]
        # Several sessions of one episode in a week count once, at their mean.
        values = [float(np.mean(v)) for _, v in episodes.values()]
        n, mean, sd, lo, hi = mean_ci(values)
        patients = len({patient for patient, _ in episodes.values()})
        suppressed = patients < min_patients
        stats = dict(mean=mean, sd=sd, lo=lo, hi=hi)
        row = {"facet": where[0], "series": where[1], "time": where[2], "n": n}
        row.update(patients=patients, suppressed=suppressed)
        row.update({k: None if suppressed else v for k, v in stats.items()})
        out.append(row)
    return out
