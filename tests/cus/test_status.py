"""Every model with a status table moves the same way: cus.status.StatusMachine."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings

from cus.status import InvalidTransition, StatusMachine

MACHINES = sorted(
    (model for model in apps.get_models() if issubclass(model, StatusMachine)),
    key=lambda model: model._meta.label,
)


TRANSITION_MODELS = [model for model in apps.get_models() if model.__name__.endswith("Transition")]


def transitions_recorded():
    return sum(model.objects.count() for model in TRANSITION_MODELS)


def test_every_model_with_a_transitions_table_is_a_status_machine():
    with_table = {model for model in apps.get_models() if getattr(model, "TRANSITIONS", None)}
    assert with_table == set(MACHINES)
    assert {model._meta.label for model in MACHINES} >= {
        "ipus.Request",
        "ipus.NeedsAssessment",
        "ipus.Plan",
        "ipus.PlanVersion",
        "osl.OslPlan",
        "services.Programme",
    }


@pytest.mark.parametrize("model", MACHINES, ids=lambda model: model._meta.label)
def test_the_table_names_only_statuses_of_the_model(model):
    statuses = {value for value, _label in model._meta.get_field("status").choices}
    for source, targets in model.TRANSITIONS.items():
        assert source in statuses and set(targets) <= statuses, (source, targets)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MACHINES, ids=lambda model: model._meta.label)
def test_set_status_follows_the_table_records_the_move_and_refuses_the_rest(
    model, seed_demo, director
):
    seed_demo()
    statuses = [value for value, _label in model._meta.get_field("status").choices]
    record = model.objects.filter(status__in=list(model.TRANSITIONS)).order_by("pk").first()
    assert record is not None, f"the demo holds no {model._meta.label} that can move"
    allowed = record.available_transitions()
    refused = [status for status in statuses if status not in allowed]
    # Models edited in forms carry a version (VersionedModel); a move advances it.
    before, version, recorded = record.status, getattr(record, "version", 0), transitions_recorded()
    for target in refused:
        with pytest.raises(InvalidTransition):
            record.set_status(target, director)
        record.refresh_from_db()
        assert (record.status, getattr(record, "version", 0)) == (before, version)
    assert transitions_recorded() == recorded
    if allowed:
        record.set_status(allowed[0], director, note="test")
        record.refresh_from_db()
        assert record.status == allowed[0]
        assert getattr(record, "version", 1) == version + 1
        assert record.updated_by == director
        assert transitions_recorded() == recorded + 1


@pytest.mark.parametrize("htmx", [False, True])
def test_a_write_beaten_by_another_is_a_message_not_a_server_error(rf, htmx):
    """cus.middleware.ConcurrentChangeMiddleware: a POST whose status move or checked save
    lost the race gets a message and the page again; a GET (nothing written) is left alone."""
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from cus.middleware import ConcurrentChangeMiddleware
    from cus.models import StaleObjectError

    middleware = ConcurrentChangeMiddleware(lambda request: None)
    for exception in (
        InvalidTransition("active", "closed"),
        StaleObjectError(SimpleNamespace(pk=7)),
    ):
        request = rf.post("/ipus/plans/7/close/?x=1")
        request.session, request.htmx = {}, htmx
        request._messages = FallbackStorage(request)
        response = middleware.process_exception(request, exception)
        if htmx:
            assert response.status_code == 200 and response["HX-Refresh"] == "true"
        else:
            assert (
                response.status_code == 302 and response["Location"] == "/ipus/plans/7/close/?x=1"
            )
        assert "Ktoś inny zmienił ten rekord" in str(next(iter(get_messages(request))))
        assert middleware.process_exception(rf.get("/"), exception) is None
    assert middleware.process_exception(rf.post("/"), ValueError()) is None
    # Back to the form's page when it is ours; another site's address is never followed.
    for referer, back in (
        ("http://testserver/ipus/requests/3/", "http://testserver/ipus/requests/3/"),
        ("https://evil.example/", "/ipus/requests/3/refuse/"),
    ):
        request = rf.post("/ipus/requests/3/refuse/", headers={"referer": referer})
        request.session, request.htmx = {}, False
        request._messages = FallbackStorage(request)
        response = middleware.process_exception(request, InvalidTransition("a", "b"))
        assert response["Location"] == back
    assert "cus.middleware.ConcurrentChangeMiddleware" in settings.MIDDLEWARE
