"""Danish labels for the schemas' enum values: code and YAML stay English, the site speaks Danish."""

from __future__ import annotations

DOC_STATUS = {"draft": "Kladde", "review": "Til godkendelse", "effective": "Gældende", "obsolete": "Udgået"}
CONFORMITY = {
    "met": "Opfyldt",
    "partly-met": "Delvist opfyldt",
    "not-met": "Ikke opfyldt",
    "open-question": "Uafklaret",
    "not-assessed": "Ikke vurderet",
    "not-applicable": "Ikke relevant",
}
# Column order of the traceability matrix; the last two are derived, not YAML values.
CONFORMITY_ORDER = ("met", "partly-met", "not-met", "open-question", "not-assessed", "not-applicable")
GAPS = frozenset({"partly-met", "not-met", "open-question", "not-assessed"})
RISK_STATUS = {"open": "Åben", "mitigated": "Reduceret", "accepted": "Accepteret", "closed": "Lukket"}
RISK_CATEGORY = {
    "regulatory": "Regulatorisk",
    "clinical": "Klinisk",
    "information-security": "Informationssikkerhed",
    "operational": "Driftsmæssig",
    "organisational": "Organisatorisk",
}
DEVICE_TYPE = {"software-platform": "Softwareplatform", "questionnaire": "Spørgeskema"}
DEVICE_STATUS = {"planned": "Planlagt", "in-use": "I brug", "withdrawn": "Trukket tilbage"}
QUALIFICATION = {"assessed": "Vurderet", "open": "Ikke afklaret"}
RECORD_STATUS = {"available": "Tilgængelig", "planned": "Planlagt", "partial": "Delvist tilgængelig"}
CONFIDENTIALITY = {"public": "Offentlig", "internal": "Intern"}
ACTOR_TYPE = {
    "health-institution": "Sundhedsinstitution",
    "system-management": "Systemforvaltning",
    "supplier": "Leverandør",
    "infrastructure": "Infrastruktur",
    "support": "Support",
    "governance": "Styring",
    "authority": "Myndighed",
    "content-owner": "Indholdsejer",
}
RACI = {"R": "Udfører (R)", "A": "Ansvarlig (A)", "C": "Høres (C)", "I": "Informeres (I)"}
CHANGE = {"A": "tilføjet", "M": "ændret", "D": "slettet", "R": "omdøbt", "C": "kopieret", "T": "ændret type"}


def label(table: dict[str, str], value: str) -> str:
    """Unknown values are shown as they are rather than hidden."""
    return table.get(value, value)


def raci_words(letters: str) -> str:
    return ", ".join(RACI[letter] for letter in letters if letter in RACI)
