"""`law check`: every law file valid, every citation resolvable, every profile consistent and fresh.

All defects are reported at once. A paragraph-level citation must point at a verified entry; profile
categories must exist in the taxonomy; dated values must be in date order; a category cannot be both
criminal and recorded as not criminal on the same date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rightsgate.law.loader import Law, load_law
from rightsgate.law.profile import Profile
from rightsgate.law.sources import value_at


@dataclass
class Report:
    checked: int = 0
    defects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _referenced_citations(law: Law) -> list[tuple[str, str]]:
    """(where, citation id) for every citation the data files make."""
    refs = [(f"taxonomy {c.id}", cid) for c in law.taxonomy.categories for cid in c.cites]
    for policy in law.policies.values():
        for name, section in policy:
            refs += [(f"policy {policy.id}.{name}", cid) for cid in getattr(section, "cites", ())]
    refs += [(f"parameters {name}", cid) for name, threshold in law.parameters for cid in threshold.cites]
    return refs


def _citation_defects(law: Law) -> list[str]:
    defects = []
    for where, cid in _referenced_citations(law):
        entry = law.citations.get(cid)
        if entry is None:
            defects.append(f"{where}: citation {cid} is not in the registry")
        elif entry.is_paragraph_level and not entry.verified:
            defects.append(f"{where}: citation {cid} is paragraph-level but not verified")
    return defects


def _dated_series(profile: Profile) -> list[tuple[str, list[date]]]:
    series = [(f"offences.{o.id}", list(o.values)) for o in profile.offences]
    series += [(f"not_criminalised.{r.category}", list(r.values)) for r in profile.not_criminalised]
    series += [(f"authorisation[{i}]", list(a.values)) for i, a in enumerate(profile.authorisation)]
    series += [(f"human_rights_risks.{r.code}", list(r.values)) for r in profile.human_rights_risks]
    return series


def _profile_defects(profile: Profile, law: Law) -> list[str]:
    code, known = profile.state.code, {c.id for c in law.taxonomy.categories}
    categories = [(f"offences.{o.id}", o.category) for o in profile.offences]
    categories += [(f"not_criminalised.{r.category}", r.category) for r in profile.not_criminalised]
    defects = [
        f"{code} {where}: unknown taxonomy category {cat!r}" for where, cat in categories if cat not in known
    ]
    defects += [
        f"{code} {where}: dates are not in order"
        for where, dates in _dated_series(profile)
        if dates != sorted(dates)
    ]
    for record in profile.not_criminalised:
        for offence in (o for o in profile.offences if o.category == record.category):
            clash = [
                d
                for d in {*record.values, *offence.values}
                if value_at(record.values, d) and value_at(offence.values, d)
            ]
            if clash:
                defects.append(
                    f"{code} offences.{offence.id}: in force on {min(clash)} while "
                    f"{record.category} is recorded as not criminal"
                )
    return defects


def check_law(extra_profiles: Path | None, *, stale_after: int | None, today: date) -> Report:
    """Check everything and collect every defect; treaty, taxonomy or policy errors raise at load."""
    law = load_law(extra_profiles)
    report = Report(
        checked=len(law.instruments) + len(law.policies) + 3 + len(law.profiles) + len(law.defects)
    )
    report.defects += [str(defect) for defect in law.defects]
    report.defects += _citation_defects(law)
    for profile in law.profiles.values():
        report.defects += _profile_defects(profile, law)
        if stale_after is not None and profile.metadata.last_reviewed < today - timedelta(days=stale_after):
            report.warnings.append(
                f"{profile.state.code}: last reviewed {profile.metadata.last_reviewed}, "
                f"more than {stale_after} days ago"
            )
    return report
