"""Every rule id the engine can report, its default severity and the hint shown with it.

Rule ids are stable: CI scripts and handbook settings refer to them. Severities can be
changed per handbook in qms/handbook.yaml under `rules:`; the defaults live here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    hint: str


_RULES = [
    # Loading (a file that fails here is not validated further).
    Rule("YAML-SYNTAX", E, "the file is not valid YAML", "Check indentation and quoting at the position shown."),
    Rule("YAML-ENCODING", E, "the file is not valid UTF-8", "Save the file as UTF-8 (without changing æ, ø, å)."),
    Rule(
        "YAML-TOO-LARGE",
        E,
        "the file is larger than the size bound",
        "Split the document or raise max_file_bytes in qms/handbook.yaml.",
    ),
    Rule(
        "YAML-DUPLICATE-KEY",
        E,
        "a key appears twice in one mapping",
        "Remove or rename one of the two keys; YAML would silently keep only the last.",
    ),
    Rule(
        "YAML-ALIAS",
        E,
        "anchors, aliases and merge keys are not allowed",
        "Write the value out in full; anchors (&), aliases (*) and merge keys (<<) are rejected.",
    ),
    Rule(
        "YAML-TAG",
        E,
        "explicit YAML tags are not allowed",
        "Remove the tag (e.g. !!python/object or !!str); quote the value if it must be text.",
    ),
    Rule(
        "YAML-NOT-MAPPING",
        E,
        "a document must be a mapping of fields",
        "Start the file with fields such as `id:` and `kind:`.",
    ),
    Rule(
        "YAML-MULTI-DOC",
        E,
        "a file holds more than one YAML document",
        "Put each document in its own file; remove the `---` separator.",
    ),
    Rule("YAML-KEY", E, "a mapping key is not plain text", "Use plain text keys such as `title:`."),
    Rule(
        "YAML-DEPTH",
        E,
        "the document is nested too deeply",
        "Flatten the structure; no handbook document needs this depth.",
    ),
    # Schema.
    Rule(
        "KIND-UNKNOWN",
        E,
        "the document has no known `kind`",
        "Set `kind:` to one of: actor, procedure, catalogue, conformity, risk, device, record, settings.",
    ),
    Rule("SCHEMA-REQUIRED", E, "a required field is missing", "Add the field; see the schema's description of it."),
    Rule(
        "SCHEMA-UNKNOWN-FIELD",
        E,
        "a field is not allowed here",
        "Check the spelling of the field name; unknown fields would silently be lost.",
    ),
    Rule(
        "SCHEMA-TYPE",
        E,
        "a value has the wrong type",
        "Quote text values; write numbers without quotes; use a list (- item) where a list is expected.",
    ),
    Rule("SCHEMA-ENUM", E, "a value is not one of the allowed values", "Use one of the values listed in the message."),
    Rule(
        "SCHEMA-FORMAT",
        E,
        "a value does not have the required format",
        "Dates are written YYYY-MM-DD, e.g. 2026-10-01.",
    ),
    Rule(
        "SCHEMA-PATTERN",
        E,
        "a value does not match the required pattern",
        "Ids use capital letters, digits, '.' and '-', e.g. PR-02.",
    ),
    Rule("SCHEMA-INVALID", E, "a value violates the schema", "See the field's description in qms/schemas."),
    # Identity.
    Rule(
        "ID-DUPLICATE",
        E,
        "the same id is used by two documents or items",
        "Ids are unique across the whole handbook; give one of them a new id.",
    ),
    Rule(
        "ID-FILENAME",
        E,
        "the id and the file name disagree",
        "Name the file after the id, e.g. PR-02.yaml for id PR-02.",
    ),
    # References.
    Rule(
        "REF-UNKNOWN",
        E,
        "a reference points to nothing",
        "Check the id; it must exist in the handbook with the expected kind.",
    ),
    Rule(
        "OBSOLETE-REFERENCE",
        E,
        "an effective document refers to an obsolete one",
        "Refer to the document that supersedes it.",
    ),
    Rule(
        "SUPERSEDES-CYCLE",
        E,
        "documents supersede each other in a cycle",
        "A document can only supersede older documents.",
    ),
    Rule(
        "MEMBERS-CSV",
        E,
        "the members data file is missing or inconsistent",
        "Check the CSV path, its columns and the expected count.",
    ),
    # Responsibility.
    Rule(
        "RACI-ACCOUNTABLE",
        E,
        "an activity does not have exactly one Accountable",
        "Give exactly one actor the letter A for the activity.",
    ),
    # Requirements and conformity.
    Rule(
        "NA-JUSTIFICATION",
        E,
        "a requirement marked not applicable has no justification",
        "Add `justification:` saying why the requirement does not apply.",
    ),
    Rule(
        "COVERAGE-MISSING",
        E,
        "a requirement in scope has no conformity entry",
        "Add an entry for it in the catalogue's conformity matrix.",
    ),
    Rule(
        "COVERAGE-DUPLICATE", E, "a requirement has more than one conformity entry", "Keep one entry per requirement."
    ),
    Rule(
        "COVERAGE-NOT-APPLICABLE",
        W,
        "a conformity entry covers a requirement marked not applicable",
        "Remove the entry, or mark the requirement applicable.",
    ),
    Rule(
        "COVERAGE-CATALOGUE",
        E,
        "a conformity entry names a requirement from another catalogue",
        "Move the entry to the matrix of the requirement's own catalogue.",
    ),
    Rule(
        "CONFORMITY-UNSUPPORTED",
        E,
        "'met' or 'partly-met' without an effective procedure or available evidence",
        "Link an effective procedure or available evidence, or lower the status.",
    ),
    Rule("CONFORMITY-PLAN", E, "a gap has no action plan", "Add `plan:` with action, owner and due date."),
    # Lifecycle and dates.
    Rule(
        "LIFECYCLE-APPROVAL",
        E,
        "an effective document lacks approval data",
        "Add approver, approved and effective dates before marking it effective.",
    ),
    Rule(
        "DATE-ORDER",
        E,
        "dates are incoherent",
        "A document is approved on or before its effective date, and reviewed after it.",
    ),
    Rule(
        "REVIEW-OVERDUE",
        E,
        "the periodic review date has passed",
        "Review the document and set a new next_review date.",
    ),
    Rule("REVIEW-DUE-SOON", W, "the periodic review is due soon", "Plan the review before the date shown."),
    Rule(
        "PLAN-OVERDUE",
        W,
        "an action plan is past its due date",
        "Follow up the action and update the plan or the status.",
    ),
    Rule("SETTINGS-RULE", E, "the settings name an unknown rule id", "Use a rule id listed by `handbook rules`."),
    Rule(
        "SETTINGS-MISSING", E, "the handbook settings file is missing", "Create qms/handbook.yaml with kind: settings."
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def hint_for(rule_id: str) -> str:
    rule = RULES.get(rule_id)
    return rule.hint if rule else ""
