"""The closed value sets of the schemas (statuses, categories, types) as enums with Danish labels.

Each value and its label are declared once, here: the model holds these enums after validation,
rules compare enums (never strings), and the site shows `.label`. A guard test keeps every enum
equal to the schema's `enum` for the fields that use it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Choice(StrEnum):
    """A schema enum value; its Danish label is what the site and reports show."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def derived(cls) -> frozenset[Self]:
        """Members the model derives but a YAML file may not state (none unless a class says so)."""
        return frozenset()

    @property
    def rank(self) -> int:
        """Position in the declaration: the order the site lists and counts values in."""
        return list(self.__class__).index(self)


class DocStatus(Choice):
    DRAFT = "draft", "Kladde"
    REVIEW = "review", "Til godkendelse"
    EFFECTIVE = "effective", "Gældende"
    OBSOLETE = "obsolete", "Udgået"


class Conformity(Choice):
    """Conformity of a requirement. The order (`rank`) is from best to worst: with several entries
    for one requirement the worst one wins. The last two are derived, never written in a matrix."""

    MET = "met", "Opfyldt"
    PARTLY_MET = "partly-met", "Delvist opfyldt"
    NOT_MET = "not-met", "Ikke opfyldt"
    OPEN_QUESTION = "open-question", "Uafklaret"
    NOT_ASSESSED = "not-assessed", "Ikke vurderet"
    NOT_APPLICABLE = "not-applicable", "Ikke relevant"

    @classmethod
    def derived(cls) -> frozenset[Conformity]:
        return frozenset({cls.NOT_ASSESSED, cls.NOT_APPLICABLE})

    @property
    def is_gap(self) -> bool:
        """A gap: a requirement in scope that is not fully met. Gaps need an action plan, are
        counted as gaps on the site and listed in the gap register. The one definition."""
        return self in _GAPS

    @property
    def supported(self) -> bool:
        """A status that claims conformity, so it must rest on an effective procedure or evidence."""
        return self in (Conformity.MET, Conformity.PARTLY_MET)



_GAPS = frozenset({Conformity.PARTLY_MET, Conformity.NOT_MET, Conformity.OPEN_QUESTION, Conformity.NOT_ASSESSED})


class RiskStatus(Choice):
    OPEN = "open", "Åben"
    MITIGATED = "mitigated", "Reduceret"
    ACCEPTED = "accepted", "Accepteret"
    CLOSED = "closed", "Lukket"


class RiskCategory(Choice):
    REGULATORY = "regulatory", "Regulatorisk"
    CLINICAL = "clinical", "Klinisk"
    INFORMATION_SECURITY = "information-security", "Informationssikkerhed"
    OPERATIONAL = "operational", "Driftsmæssig"
    ORGANISATIONAL = "organisational", "Organisatorisk"


class ControlType(Choice):
    """The kinds of risk control in the priority order of ISO 14971 (7.1) and MDR Annex I, 4."""

    DESIGN = "design", "Sikkert design"
    PROTECTION = "protection", "Beskyttelsesforanstaltning"
    INFORMATION = "information", "Sikkerhedsinformation og uddannelse"


class ControlStatus(Choice):
    IMPLEMENTED = "implemented", "Gennemført"
    PARTIAL = "partial", "Delvist gennemført"
    PLANNED = "planned", "Planlagt"

    @property
    def claims_evidence(self) -> bool:
        """A status that says the control is (partly) in place, so a record must show it."""
        return self is not ControlStatus.PLANNED


class AcceptanceDecision(Choice):
    """What has been decided about a residual risk by the one who may accept it."""

    PENDING = "pending", "Ikke besluttet"
    ACCEPTED = "accepted", "Accepteret"
    INTERIM = "interim", "Midlertidig beslutning om fortsat brug"
    REJECTED = "rejected", "Ikke acceptabel"

    @property
    def permits_use(self) -> bool:
        """A decision under which a device may stay in use: accepted, or an interim decision."""
        return self in (AcceptanceDecision.ACCEPTED, AcceptanceDecision.INTERIM)


class DeviceType(Choice):
    SOFTWARE_PLATFORM = "software-platform", "Softwareplatform"
    QUESTIONNAIRE = "questionnaire", "Spørgeskema"


class DeviceStatus(Choice):
    PLANNED = "planned", "Planlagt"
    IN_USE = "in-use", "I brug"
    # In use while a risk at or above the settings' acceptance level is neither accepted nor
    # covered by a recorded interim decision: the handbook says so instead of "in use".
    IN_USE_UNACCEPTED = "in-use-unaccepted", "I brug, høje risici er ikke accepteret"
    WITHDRAWN = "withdrawn", "Trukket tilbage"


class QualificationStatus(Choice):
    ASSESSED = "assessed", "Vurderet"
    OPEN = "open", "Ikke afklaret"


class RecordStatus(Choice):
    AVAILABLE = "available", "Tilgængelig"
    PLANNED = "planned", "Planlagt"
    PARTIAL = "partial", "Delvist tilgængelig"


class Confidentiality(Choice):
    PUBLIC = "public", "Offentlig"
    INTERNAL = "internal", "Intern"


class ActorType(Choice):
    HEALTH_INSTITUTION = "health-institution", "Sundhedsinstitution"
    SYSTEM_MANAGEMENT = "system-management", "Systemforvaltning"
    SUPPLIER = "supplier", "Leverandør"
    INFRASTRUCTURE = "infrastructure", "Infrastruktur"
    SUPPORT = "support", "Support"
    GOVERNANCE = "governance", "Styring"
    AUTHORITY = "authority", "Myndighed"
    CONTENT_OWNER = "content-owner", "Indholdsejer"
