"""A deterministic `episode_points` table in which dropout is informative.

Episodes whose pain starts high (≥ 7) stay for six sessions, the others leave after three. The
raw mean at a session then describes a different, sicker group later on and rises, while the
paired change (each episode against its own baseline) keeps improving: the case the paired
trend exists for (domain.md, Paired trend).
"""

import datetime as dt

import numpy as np

# (condition, technique, episodes, first patient_no, distinct patients)
GROUPS = [
    ("Low back pain", "Swedish", 12, 1, 10),
    ("Low back pain", "Deep tissue", 8, 20, 8),
    ("Neck pain", "Swedish", 6, 1, 6),
    ("Neck pain", "Deep tissue", 3, 40, 3),  # 3 patients: suppressed at the default
]
DAYS_BETWEEN = 4  # two sessions share most weeks: a week holds several points per episode


def episode_points(seed=11):
    rng = np.random.default_rng(seed)
    rows = []
    number = 0
    for condition, technique, count, first, patients in GROUPS:
        for i in range(count):
            number += 1
            patient = first + i % patients
            baseline = float(rng.integers(3, 10))
            sessions = 6 if baseline >= 7 else 3
            skipped = 3 if i % 5 == 4 and sessions == 6 else None  # a missed session mid-course
            no_baseline = condition == "Low back pain" and technique == "Swedish" and i == 11
            base = {
                "measure": "pain",
                "episode": number,
                "patient_no": patient,
                "clinic": "North" if patient % 2 else "South",
                "therapist": "A. Lee",
                "condition": condition,
                "technique": technique,
                "age_band": "40–49",
                "sex": "F" if i % 2 else "M",
                "length_band": 45,
                "sessions": sessions,
                "start_date": (dt.date(2025, 3, 3) + dt.timedelta(days=7 * i)).isoformat(),
            }
            for s in range(1, sessions + 1):
                if s == skipped or (no_baseline and s == 1):
                    continue
                noise = 0.0 if s == 1 else float(rng.integers(-1, 2))
                value = float(np.clip(baseline - 0.8 * (s - 1) + noise, 0, 10))
                day = DAYS_BETWEEN * (s - 1)
                # (value − baseline) × −1: lower pain is better
                change = None if no_baseline else baseline - value
                rows.append(dict(base, time=float(s), week=day // 7, value=value, change=change))
            if i == 0:  # another measure, which a pain trend must not see
                rows.append(dict(base, measure="sleep", time=1.0, week=0, value=5.0, change=0.0))
    return rows
