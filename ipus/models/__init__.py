"""Residents' cases (persons, requests, assessments, refusals) and their plans (IPUS)."""

from cus.status import InvalidTransition
from ipus.models.cases import (
    SNAPSHOT_FIELDS,
    AssessmentServiceRow,
    AssessmentTransition,
    NeedsAssessment,
    Person,
    RefusalDecision,
    RefusalTransition,
    Request,
    RequestTransition,
    assessment_snapshot,
    person_snapshot,
)
from ipus.models.oversight import (
    HalfYearSummary,
    InboxMessage,
    MeetingAction,
    ReviewMeeting,
)
from ipus.models.plans import (
    Delivery,
    MonitoringContact,
    Plan,
    PlanItem,
    PlanTransition,
    PlanVersion,
)

__all__ = [
    "SNAPSHOT_FIELDS",
    "AssessmentServiceRow",
    "AssessmentTransition",
    "Delivery",
    "HalfYearSummary",
    "InboxMessage",
    "InvalidTransition",
    "MeetingAction",
    "MonitoringContact",
    "NeedsAssessment",
    "Person",
    "Plan",
    "PlanItem",
    "PlanTransition",
    "PlanVersion",
    "RefusalDecision",
    "RefusalTransition",
    "Request",
    "RequestTransition",
    "ReviewMeeting",
    "assessment_snapshot",
    "person_snapshot",
]
