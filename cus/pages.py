"""Detail pages whose forms post to action views of their own.

A plan's page carries the monitoring-contact, delivery and termination forms, a
version's the return and signed-copy forms, a request's its outcomes; each form posts
to its own action view. An action that gets invalid input answers in one of two ways:

- ``DetailFormsMixin.render_with``: the page again (status 200) with the bound form,
  the user's input and its errors, in place of the blank one; nothing typed is lost.
- ``messages_for_errors``: for one-field forms (a date, a file) the action redirects
  back to the page and says what was wrong in messages.
"""

from django.contrib import messages


class DetailFormsMixin:
    """For a DetailView whose page offers forms that post elsewhere.

    ``get_context_data`` takes each form through ``page_form``; an action view with
    invalid input returns ``render_with(request, pk, name=bound_form, …)``.
    """

    # What an action view passed to render_with (bound forms, the section to open);
    # empty on a plain GET of the page.
    bound = {}

    @classmethod
    def render_with(cls, request, pk, **bound):
        """The page of object ``pk`` with ``bound`` laid over its context: each bound form
        replaces the page's blank form of the same name."""
        view = cls()
        view.setup(request, pk=pk)
        view.object = view.get_object()
        view.bound = bound
        return view.render_to_response(view.get_context_data())

    def page_form(self, name, form_class, **kwargs):
        """The page's form ``name``: the bound one an action passed back, else a blank
        ``form_class(**kwargs)``."""
        return self.bound.get(name) or form_class(**kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.bound}


def messages_for_errors(request, form):
    """Each error of ``form`` as an error message (the action then redirects to the page)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
