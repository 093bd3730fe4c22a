"""Small deterministic datasets shaped like the derived tables (contracts/analysis.md).

Rows are plain dicts with the contract's column names; the derived columns (change, improvement,
responder, target_met, excluded) are computed here the way the contract defines them, so the
TypeScript tests can load these rows as if the model had built them.
"""

import datetime as dt

import numpy as np

# key: (direction, MCID points, MCID percent, default target, scale min, scale max)
MEASURES = {
    "pain": ("lower", 2.0, 30.0, 1.0, 0.0, 10.0),
    "sleep": ("higher", None, None, None, 0.0, 10.0),
}

CLINICS = ["North", "South"]
THERAPISTS = ["A. Lee", "B. Ng", "C. Ruiz"]
AGE_BANDS = ["30–39", "40–49", "50–59"]
SEXES = ["F", "M"]
MINUTES = [25, 30, 45, 50, 60, 75]

# (condition, technique, episodes, first patient_no, distinct patients, pain improvement rule)
# Patient numbers overlap between groups, so a patient can hold episodes in several cells.
GROUPS = [
    ("Low back pain", "Deep tissue", 9, 1, 8, "strong"),
    ("Low back pain", "Swedish", 8, 5, 7, "mild"),
    ("Low back pain", "Trigger point", 7, 20, 6, "mild"),
    ("Low back pain", "Myofascial release", 6, 30, 4, "mild"),  # 4 patients: a small cell
    ("Low back pain", None, 2, 40, 2, "mild"),  # technique not recorded
    ("Neck pain", "Deep tissue", 2, 1, 2, "mild"),  # n = 2
    ("Neck pain", "Swedish", 3, 50, 3, "all"),  # n = 3, every episode a responder
    ("Neck pain", "Trigger point", 4, 60, 4, "none"),  # no responder, no target met
]
# Episodes excluded from change statistics: (reason, patient_no, condition).
EXCLUDED = [
    ("no follow-up", 70, "Low back pain"),
    ("no follow-up", 71, "Low back pain"),
    ("no baseline", 72, "Low back pain"),
    ("no follow-up", 50, "Neck pain"),
]


def length_band(minutes):
    """Nearest of 15, 30, 45, 60 (60 = 60 and longer)."""
    if minutes >= 60:
        return 60
    return min((15, 30, 45, 60), key=lambda b: (abs(minutes - b), b))


def pain_values(rng, rule, baseline_shift):
    """Baseline and last pain for one episode, by the group's rule."""
    baseline = float(rng.integers(4, 10)) + baseline_shift
    baseline = min(baseline, 10.0)
    if rule == "all":
        gain = float(rng.integers(3, 5))
    elif rule == "none":
        gain = float(rng.integers(-1, 2))  # ≤ 1 point and < 30 % of a baseline ≥ 4
        baseline = max(baseline, 5.0)
    elif rule == "strong":
        gain = float(np.round(0.5 * baseline + rng.normal(0, 1.2)))
    else:
        gain = float(np.round(0.3 * baseline + rng.normal(0, 1.5)))
    last = float(np.clip(baseline - gain, 0, 10))
    if rule == "none":
        last = max(last, 2.0)
    return baseline, last


def measure_row(episode, key, baseline, last, excluded):
    better, mcid_pts, mcid_pct, target, _, _ = MEASURES[key]
    sign = 1.0 if better == "higher" else -1.0
    row = dict(episode, measure=key, better=better, baseline=baseline, last=last)
    change = None if baseline is None or last is None else last - baseline
    improvement = None if excluded else change * sign
    pct = None if improvement is None or baseline == 0 else 100.0 * improvement / baseline
    responder = None
    if improvement is not None and mcid_pts is not None:
        responder = bool(improvement >= mcid_pts or (pct is not None and pct >= mcid_pct))
    target_met = None
    if improvement is not None and target is not None:
        target_met = bool(last <= target if better == "lower" else last >= target)
    row.update(
        change=change,
        improvement=improvement,
        pct_improvement=pct,
        responder=responder,
        target_met=target_met,
        excluded=excluded,
    )
    return row


def episode_attributes(rng, number, patient, condition, technique):
    minutes = int(rng.choice(MINUTES))
    sessions = int(rng.integers(2, 9))
    start = dt.date(2025, 1, 6) + dt.timedelta(days=int(rng.integers(0, 300)))
    return {
        "episode": number,
        "patient_no": patient,
        "clinic": CLINICS[patient % 2],
        "therapist": THERAPISTS[number % 3],
        "condition": condition,
        "technique": technique,
        "age_band": AGE_BANDS[patient % 3],
        "sex": SEXES[(patient // 2) % 2],
        "minutes": minutes,
        "length_band": length_band(minutes),
        "sessions": sessions,
        "days_followed": 7 * (sessions - 1),
        "start_date": start.isoformat(),
    }


def episode_measures(seed=20261125):
    """Every episode × measure, as `episode_measures` holds them."""
    rng = np.random.default_rng(seed)
    rows = []
    number = 0
    for condition, technique, count, first, patients, rule in GROUPS:
        shift = 2.0 if technique == "Deep tissue" else 0.0  # baselines differ: ANCOVA matters
        for i in range(count):
            number += 1
            episode = episode_attributes(rng, number, first + i % patients, condition, technique)
            baseline, last = pain_values(rng, rule, shift)
            rows.append(measure_row(episode, "pain", baseline, last, None))
            s0 = float(rng.integers(2, 7))
            s1 = float(min(10, s0 + rng.integers(-1, 5)))
            rows.append(measure_row(episode, "sleep", s0, s1, None))
    for reason, patient, condition in EXCLUDED:
        number += 1
        episode = episode_attributes(rng, number, patient, condition, "Swedish")
        for key in MEASURES:
            baseline = None if reason == "no baseline" else 6.0
            last = None if reason == "no follow-up" else 5.0
            rows.append(measure_row(episode, key, baseline, last, reason))
    return rows
