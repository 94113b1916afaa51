"""Property-based tests (hypothesis): every form answers any input with a verdict, never an
exception, and every message it gives is Polish."""

from datetime import date

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cus.forms import CentreProfileForm
from ipus import forms as ipus_forms
from ipus.models import PlanVersion
from osl import forms as osl_forms
from services import forms as services_forms
from tests.ipus.conftest import draft_plan

HOSTILE = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1e9",
        "NaN",
        "Infinity",
        "9" * 40,
        "2026-02-30",
        "31.12.2026",
        "2026-13",
        "\x00",
        "<script>alert(1)</script>",
        "'; DROP TABLE ipus_plan; --",
        "Zażółć gęślą jaźń",
        "1,5",
        "on",
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=60),
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
ENGLISH = ("This field", "Enter a", "Select a valid", "Ensure this", "is required", "valid")


def assert_verdict(form):
    valid = form.is_valid()
    assert isinstance(valid, bool)
    for errors in form.errors.values():
        for message in errors:
            assert message and not any(word in message for word in ENGLISH), message


def data_for(form_class, **kwargs):
    names = list(form_class(**kwargs).fields)
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))


@pytest.fixture
def version(db, kipus, assessment):
    return draft_plan(assessment, kipus).current_version


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SIMPLE_FORMS = [
    ipus_forms.PersonSearchForm,
    ipus_forms.PersonForm,
    ipus_forms.RequestForm,
    ipus_forms.HandOffForm,
    ipus_forms.InformationForm,
    ipus_forms.WithdrawForm,
    ipus_forms.RefusalForm,
    ipus_forms.RefusalFollowUpForm,
    ipus_forms.ReturnForm,
    ipus_forms.TerminateForm,
    ipus_forms.ClosureForm,
    ipus_forms.PlanItemCapacityQuery,
    ipus_forms.ReviewMeetingForm,
    ipus_forms.MeetingActionForm,
    ipus_forms.HalfYearSummaryForm,
    services_forms.ServiceForm,
    services_forms.ProviderForm,
    services_forms.ProgrammeForm,
    CentreProfileForm,
    osl_forms.OslPlanForm,
    osl_forms.CommunityForm,
    osl_forms.AdoptForm,
    osl_forms.NewVersionForm,
    osl_forms.CopyForwardForm,
    osl_forms.PartnerForm,
    osl_forms.LeaderForm,
    osl_forms.VolunteerForm,
    osl_forms.ResourceForm,
]


@pytest.mark.parametrize("form_class", SIMPLE_FORMS, ids=lambda cls: cls.__name__)
@pytest.mark.django_db
def test_any_input_gets_a_polish_verdict(form_class):
    @FUZZ
    @given(data=data_for(form_class))
    def check(data):
        assert_verdict(form_class(data))

    check()


def test_the_plan_forms_get_a_verdict_for_any_input(version, kipus, ous):
    new_version = PlanVersion(valid_from=timezone.localdate(), valid_to=timezone.localdate())

    @FUZZ
    @given(
        plan=data_for(ipus_forms.PlanVersionForm, instance=new_version),
        item=data_for(ipus_forms.PlanItemForm, version=version, user=ous),
        contact=data_for(ipus_forms.MonitoringContactForm, plan=version.plan),
        delivery=data_for(ipus_forms.DeliveryForm, items=list(version.items.all())),
    )
    def check(plan, item, contact, delivery):
        assert_verdict(ipus_forms.PlanVersionForm(plan, instance=version))
        assert_verdict(ipus_forms.PlanItemForm(item, version=version, user=ous))
        assert_verdict(ipus_forms.PlanItemForm(item, version=version, user=kipus))
        assert_verdict(ipus_forms.MonitoringContactForm(contact, plan=version.plan))
        assert_verdict(ipus_forms.DeliveryForm(delivery, items=list(version.items.all())))

    check()


def test_the_assessment_form_gets_a_verdict_for_any_input(assessment):
    @FUZZ
    @given(data=data_for(ipus_forms.AssessmentForm, instance=assessment))
    def check(data):
        assert_verdict(ipus_forms.AssessmentForm(data, instance=assessment))

    check()


def test_the_osl_forms_get_a_verdict_for_any_input(db, osl_organizer):
    from osl.models import OslPlan, ScheduleItem

    plan = OslPlan.objects.create(
        title="Plan", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )
    item = ScheduleItem.objects.create(plan=plan, area="animation", task="x", frequency="monthly")

    @FUZZ
    @given(
        schedule=data_for(osl_forms.ScheduleItemForm, plan=plan),
        activity=data_for(osl_forms.ActivityForm, item=item),
        report=data_for(osl_forms.ReportForm, plan=plan),
    )
    def check(schedule, activity, report):
        assert_verdict(osl_forms.ScheduleItemForm(schedule, plan=plan))
        assert_verdict(osl_forms.ActivityForm(activity, item=item))
        assert_verdict(osl_forms.ReportForm(report, plan=plan))

    check()
