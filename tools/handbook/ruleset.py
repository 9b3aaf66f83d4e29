"""Every rule id the engine can report, its default severity and the hint shown with it.

Rule ids are stable: CI scripts and handbook settings refer to them. Severities of the
configurable rules can be changed per handbook in qms/handbook.yaml under `rules:`; the defaults
live here only. Every diagnostic is made by `diagnose`, which takes its hint from its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from .constants import SCHEMA_DIR
from .diagnostics import Diagnostic, Severity
from .kinds import SETTINGS_FILE, document_kinds

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    hint: str
    # Loading, schema, identity and settings problems keep a document out of the model (or the
    # model from being read right): they are always errors, whatever the settings say, so
    # nothing unchecked can reach a published page.
    configurable: bool = True


def _rule(rule_id: str, severity: Severity, summary: str, hint: str) -> Rule:
    return Rule(rule_id, severity, summary, hint)


def _fixed(rule_id: str, severity: Severity, summary: str, hint: str) -> Rule:
    return Rule(rule_id, severity, summary, hint, configurable=False)


_RULES = [
    # Loading (a file that fails here is not validated further).
    _fixed("YAML-SYNTAX", E, "the file is not valid YAML", "Check indentation and quoting at the position shown."),
    _fixed("YAML-ENCODING", E, "the file is not valid UTF-8", "Save the file as UTF-8 (without changing æ, ø, å)."),
    _fixed(
        "YAML-TOO-LARGE",
        E,
        "the file is larger than the size bound",
        f"Split the document or raise max_file_bytes in {SETTINGS_FILE}.",
    ),
    _fixed(
        "YAML-DUPLICATE-KEY",
        E,
        "a key appears twice in one mapping",
        "Remove or rename one of the two keys; YAML would silently keep only the last.",
    ),
    _fixed(
        "YAML-ALIAS",
        E,
        "anchors, aliases and merge keys are not allowed",
        "Write the value out in full; anchors (&), aliases (*) and merge keys (<<) are rejected.",
    ),
    _fixed(
        "YAML-TAG",
        E,
        "explicit YAML tags are not allowed",
        "Remove the tag (e.g. !!python/object or !!str); quote the value if it must be text.",
    ),
    _fixed(
        "YAML-NOT-MAPPING",
        E,
        "a document must be a mapping of fields",
        "Start the file with fields such as `id:` and `kind:`.",
    ),
    _fixed(
        "YAML-MULTI-DOC",
        E,
        "a file holds more than one YAML document",
        "Put each document in its own file; remove the `---` separator.",
    ),
    _fixed("YAML-KEY", E, "a mapping key is not plain text", "Use plain text keys such as `title:`."),
    _fixed(
        "YAML-DEPTH",
        E,
        "the document is nested too deeply",
        "Flatten the structure; no handbook document needs this depth.",
    ),
    # Files (what is read, and that nothing outside the repository is).
    _fixed(
        "FILE-OUTSIDE",
        E,
        "a link leads outside the repository",
        "Copy the file into the repository instead of linking to it; nothing outside it is published.",
    ),
    _fixed(
        "FILE-SPECIAL",
        E,
        "a path is not a regular file",
        "Remove the FIFO, device, socket or unreadable entry; only regular files are read.",
    ),
    _rule(
        "FILE-UNREAD",
        W,
        "a file under qms/ is not a handbook document and is not read",
        "Documents are named <id>.yaml; rename the file, or remove editor lock, backup and hidden files.",
    ),
    # Schema.
    _fixed(
        "KIND-UNKNOWN",
        E,
        "the document has no known `kind`",
        "Set `kind:` to one of: " + ", ".join(k.name for k in document_kinds()) + ".",
    ),
    _fixed("SCHEMA-REQUIRED", E, "a required field is missing", "Add the field; see the schema's description of it."),
    _fixed(
        "SCHEMA-UNKNOWN-FIELD",
        E,
        "a field is not allowed here",
        "Check the spelling of the field name; unknown fields would silently be lost.",
    ),
    _fixed(
        "SCHEMA-TYPE",
        E,
        "a value has the wrong type",
        "Quote text values; write numbers without quotes; use a list (- item) where a list is expected.",
    ),
    _fixed(
        "SCHEMA-ENUM", E, "a value is not one of the allowed values", "Use one of the values listed in the message."
    ),
    _fixed(
        "SCHEMA-FORMAT",
        E,
        "a value does not have the required format",
        "Dates are written YYYY-MM-DD, e.g. 2026-10-01.",
    ),
    _fixed(
        "SCHEMA-PATTERN",
        E,
        "a value does not match the required pattern",
        "Ids use capital letters, digits, '.' and '-', e.g. PR-02.",
    ),
    _fixed("SCHEMA-INVALID", E, "a value violates the schema", f"See the field's description in {SCHEMA_DIR}."),
    # Identity.
    _fixed(
        "ID-DUPLICATE",
        E,
        "the same id is used by two documents or items",
        "Ids are unique across the whole handbook; give one of them a new id.",
    ),
    _fixed(
        "ID-FILENAME",
        E,
        "the id and the file name disagree",
        "Name the file after the id, e.g. PR-02.yaml for id PR-02.",
    ),
    _fixed(
        "ID-PATTERN",
        E,
        "an id does not have the form its kind requires",
        "Use the id form of the kind, e.g. PR-02 for a procedure, RISK-03 for a risk.",
    ),
    # References.
    _rule(
        "REF-UNKNOWN",
        E,
        "a reference points to nothing",
        "Check the id; it must exist in the handbook with the expected kind.",
    ),
    _rule(
        "OBSOLETE-REFERENCE",
        E,
        "an effective document refers to an obsolete one",
        "Refer to the document that supersedes it.",
    ),
    _rule(
        "SUPERSEDES-CYCLE",
        E,
        "documents supersede each other in a cycle",
        "A document can only supersede older documents.",
    ),
    _rule(
        "MEMBERS-CSV",
        E,
        "the members data file is missing or inconsistent",
        "Check the CSV path, its columns and the expected count.",
    ),
    _rule(
        "MEMBERS-GROUP-ROW",
        E,
        "a row of a dated groups file (e.g. a municipality's region) is malformed",
        "Each line: a member code from the members file, the group's name, the first day "
        "(YYYY-MM-DD) and the last day (YYYY-MM-DD, empty while the period lasts).",
    ),
    _rule(
        "MEMBERS-GROUP-DATES",
        E,
        "a member's dated groups leave a day without a group, or give it two",
        "A member's periods follow each other day by day from the groups' `since` date: each "
        "starts the day after the previous one ends, and only the last has an empty end date.",
    ),
    # Responsibility.
    _rule(
        "RACI-ACCOUNTABLE",
        E,
        "an activity does not have exactly one Accountable",
        "Give exactly one actor the letter A for the activity.",
    ),
    # Requirements and conformity.
    _rule(
        "NA-JUSTIFICATION",
        E,
        "a requirement marked not applicable has no justification",
        "Add `justification:` saying why the requirement does not apply.",
    ),
    _rule(
        "COVERAGE-MISSING",
        E,
        "a requirement in scope has no conformity entry",
        "Add an entry for it in the catalogue's conformity matrix.",
    ),
    _rule(
        "COVERAGE-DUPLICATE", E, "a requirement has more than one conformity entry", "Keep one entry per requirement."
    ),
    _rule(
        "COVERAGE-NOT-APPLICABLE",
        W,
        "a conformity entry covers a requirement marked not applicable",
        "Remove the entry, or mark the requirement applicable.",
    ),
    _rule(
        "COVERAGE-CATALOGUE",
        E,
        "a conformity entry names a requirement from another catalogue",
        "Move the entry to the matrix of the requirement's own catalogue.",
    ),
    _rule(
        "CONFORMITY-UNSUPPORTED",
        E,
        "'met' or 'partly-met' without an effective procedure or available evidence",
        "Link an effective procedure or available evidence, or lower the status.",
    ),
    _rule("CONFORMITY-PLAN", E, "a gap has no action plan", "Add `plan:` with action, owner and due date."),
    # Device risk analysis.
    _rule(
        "CONTROL-UNSUPPORTED",
        E,
        "a risk control is marked implemented or partial, but no record shows it",
        "Name a record that shows the control in place (status available or partial), or set the "
        "control's status to planned until it exists.",
    ),
    _rule(
        "ACCEPTANCE-RECORD",
        E,
        "a decision on a residual risk is stated without its date or an existing record",
        "Give `decided` and a `record` that exists (status available or partial); until the "
        "decision is made and written down, keep `decision: pending`.",
    ),
    _rule(
        "USE-UNACCEPTED-RISK",
        E,
        "a device is in use while a risk at or above the acceptance level is neither accepted "
        "nor covered by a recorded interim decision",
        "Record the acceptance or the interim decision on continued use in the risk's "
        "`acceptance`, or set the device's status to in-use-unaccepted so the handbook says so.",
    ),
    _rule(
        "USE-STATUS-UNFOUNDED",
        W,
        "a device is marked in use with unaccepted risks, but none is left",
        "Set the device's status to in-use: every risk at or above the acceptance level is "
        "accepted or covered by an interim decision.",
    ),
    # Lifecycle and dates.
    _rule(
        "LIFECYCLE-APPROVAL",
        E,
        "an effective document lacks approval data",
        "Add approver, approved and effective dates before marking it effective.",
    ),
    _rule(
        "DATE-ORDER",
        E,
        "dates are incoherent",
        "A document is approved on or before its effective date, and reviewed after it.",
    ),
    _rule(
        "REVIEW-OVERDUE",
        E,
        "the periodic review date has passed",
        "Review the document and set a new next_review date.",
    ),
    _rule("REVIEW-DUE-SOON", W, "the periodic review is due soon", "Plan the review before the date shown."),
    _rule(
        "PLAN-OVERDUE",
        W,
        "an action plan is past its due date",
        "Follow up the action and update the plan or the status.",
    ),
    # Document control traced to git (need the repository's history).
    _rule(
        "CONTROL-UNREVISED-CHANGE",
        E,
        "the content of an approved revision changed after its approval without a new revision",
        "Raise control.revision, write a change_note and set the status to review until the new revision is "
        "approved (the approved revision stays in force meanwhile); or undo the change.",
    ),
    _rule(
        "REVISION-DECREASED",
        E,
        "a revision number went down",
        "Revisions only go up: use a number higher than every revision the document has had.",
    ),
    _rule(
        "REVISION-EDITION",
        E,
        "content changed since the last edition while the revision stayed the same",
        "Give the changed document a new revision with a change note.",
    ),
    _rule(
        "CHANGE-NOTE-MISSING",
        E,
        "a new revision has no change note of its own",
        "Write control.change_note: what changed in this revision and why.",
    ),
    _rule(
        "APPROVAL-FOUR-EYES",
        E,
        "the identity that committed an approval also authored content changes it approves",
        "Let a second person, with their own git identity, commit the approval (four-eyes principle).",
    ),
    _rule(
        "APPROVAL-UNSIGNED",
        E,
        "an approval commit or edition tag is not signed by a trusted key",
        "Sign approval commits (git commit -S) and edition tags with a key listed in trusted_keys.",
    ),
    _rule(
        "LIFECYCLE-TRANSITION",
        E,
        "a document's status moved in a way the lifecycle does not allow since the last edition",
        "Lifecycle: draft → review → effective → obsolete. Obsolete is final, and an effective document is "
        "withdrawn by marking it obsolete, never by deleting its file.",
    ),
    _rule(
        "LINK-SUSPECT",
        W,
        "a conformity entry rests on a document that changed since the entry was assessed",
        "Re-assess the entry against the changed documents, then record it with `handbook review REQUIREMENT-ID`.",
    ),
    _fixed(
        "ARCHIVE-MODIFIED",
        E,
        "an archived edition no longer matches its manifest",
        "Archived editions are never changed: restore the file from git (git checkout -- editions/).",
    ),
    _fixed(
        "HISTORY-INCOMPLETE",
        E,
        "the git history cannot be read in full, so approvals cannot be traced",
        "Run the check in a full clone (git fetch --unshallow) that git may read.",
    ),
    # Settings.
    _fixed(
        "SETTINGS-BASELINE",
        E,
        "the approval baseline commit is not in the history",
        "Set approval_baseline to a commit of this repository's history (git log --oneline).",
    ),
    _fixed("SETTINGS-RULE", E, "the settings name an unknown rule id", "Use a rule id listed by `handbook rules`."),
    _fixed(
        "SETTINGS-MISSING", E, "the handbook settings file is missing", f"Create {SETTINGS_FILE} with kind: settings."
    ),
    _fixed(
        "SETTINGS-DUPLICATE",
        E,
        "more than one file holds handbook settings",
        f"Keep the settings in {SETTINGS_FILE} only; merge the other file into it and remove it.",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def diagnose(
    rule: str,
    message: str,
    *,
    file: str,
    pointer: str = "",
    on_key: bool = False,
    hint: str = "",
    line: int = 0,
    column: int = 0,
) -> Diagnostic:
    """The one place a diagnostic is made: the hint and default severity come from the rule
    (a more specific hint, e.g. a schema field's description, may replace the rule's)."""
    known = RULES[rule]
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        rule=rule,
        message=message,
        hint=hint or known.hint,
        pointer=pointer,
        severity=known.severity,
        on_key=on_key,
    )
