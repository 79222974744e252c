"""Review records: who drafted an entry, who checked it against its sources, whether a qualified
clinician reviewed it, and when. Part of validation.

Every name in a review record is an id from content/contributors.yaml, so that a page never
shows a placeholder as if it were a person, and the check can see that nobody reviews their
own entry and that a clinical review names someone with a qualification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .codes import Code
from .model import Diagnostic, Entry, SourceFile


@dataclass(frozen=True)
class Contributor:
    id: str
    name: str
    kind: str  # "person" or "process"
    role: str = ""
    qualification: str = ""


def read_contributors(source: SourceFile) -> dict[str, Contributor]:
    """The contributors file as id -> Contributor (shape errors are the schema's to report)."""
    data = source.data if isinstance(source.data, dict) else {}
    listed = data.get("contributors")
    people: list[Any] = listed if isinstance(listed, list) else []
    return {
        str(p["id"]): Contributor(
            str(p["id"]),
            str(p.get("name", "")),
            str(p.get("kind", "person")),
            str(p.get("role", "")),
            str(p.get("qualification", "")),
        )
        for p in people
        if isinstance(p, dict) and isinstance(p.get("id"), str)
    }


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def check_review(entry: Entry, contributors: dict[str, Contributor] | None, today: dt.date) -> list[Diagnostic]:
    """Every problem with an entry's review record, each on its field's line."""
    review, source = entry.review, entry.source
    if review is None:
        return []
    out = []

    def report(key: str, code: Code, message: str, hint: str) -> None:
        out.append(Diagnostic.at(source, ("review", key), code, message, hint, subject=str(getattr(review, key))))

    known = ", ".join(sorted(contributors or {})) or "none yet"
    for key in ("written_by", "reviewed_by", "clinician_reviewed_by"):
        who = getattr(review, key)
        if who and contributors is not None and who not in contributors:
            report(
                key,
                Code.E311,
                f"'{who}' in {key} is not in content/contributors.yaml",
                f"add yourself to content/contributors.yaml and use your id (ids there: {known})",
            )
    if review.status == "reviewed" and not (review.reviewed_by and review.reviewed_on):
        report(
            "status",
            Code.E312,
            "status is 'reviewed' but no second reader is named with a date",
            "add reviewed_by (a contributor's id) and reviewed_on, or set status: draft",
        )
    if review.reviewed_by and review.reviewed_by == review.written_by:
        report(
            "reviewed_by",
            Code.E312,
            "the entry is reviewed by its own author",
            "a second reader who did not write the entry must check it",
        )
    if review.clinician_reviewed_by:
        person = (contributors or {}).get(review.clinician_reviewed_by)
        if person is not None and not person.qualification:
            report(
                "clinician_reviewed_by",
                Code.E312,
                f"'{person.id}' has no qualification in content/contributors.yaml",
                "a clinical review names a contributor with a clinical qualification",
            )
        if not review.clinician_reviewed_on:
            report(
                "clinician_reviewed_by",
                Code.E312,
                "a clinical review needs its date",
                "add clinician_reviewed_on: YYYY-MM-DD",
            )
    for key in ("written_on", "reviewed_on", "clinician_reviewed_on"):
        day = _date(getattr(review, key))
        if day and day > today:
            report(key, Code.E312, f"{key} {day.isoformat()} is in the future", "use the date the work was done")
    written, reviewed = _date(review.written_on), _date(review.reviewed_on)
    if written and reviewed and reviewed < written:
        report("reviewed_on", Code.E312, "the entry was reviewed before it was written", "check both dates")
    return out


def describe_review(entry: Entry, contributors: dict[str, Contributor]) -> str:
    """The review record in words for the page: drafting, checking against sources and clinical review, kept apart."""
    review = entry.review
    if review is None:
        return "This entry has no review record yet."

    def who(key: str) -> str:
        person = contributors.get(key)
        if person is None:
            return key
        return person.name + (f", {person.qualification}" if person.qualification else "")

    parts = [f"Drafted by {who(review.written_by)} ({review.written_on})."]
    if review.status == "reviewed" and review.reviewed_by:
        parts.append(f"Checked against its sources by {who(review.reviewed_by)} ({review.reviewed_on}).")
    else:
        parts.append("Not yet checked against its sources by a second reader.")
    if review.clinician_reviewed_by:
        parts.append(
            f"Reviewed by a qualified clinician: {who(review.clinician_reviewed_by)} ({review.clinician_reviewed_on})."
        )
    else:
        parts.append("Not yet reviewed by a qualified clinician.")
    return " ".join(parts)
