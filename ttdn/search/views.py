"""The search page: one box over everything the apps register, limited to what the person
may see."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ttdn.search import services
from ttdn.search.forms import SearchForm

PAGE_SIZE = 20


@login_required
@require_GET
def search_page(request):
    form = SearchForm(request.user, request.GET or None)
    results, page = None, 1
    if form.is_valid() and form.cleaned_data["q"].strip():
        page = form.cleaned_data["page"] or 1
        results = services.search(
            request.user,
            form.cleaned_data["q"],
            unit=form.cleaned_data["unit"],
            period=form.cleaned_data["period"],
            topic=form.cleaned_data["topic"],
            kind=form.cleaned_data["kind"],
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    more = results is not None and (results.more_than_total or results.total > page * PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "page": page,
        "more": more,
        "query_string": query.urlencode(),
    }
    return render(
        request, "search/_results.html" if request.htmx else "search/search.html", context
    )
