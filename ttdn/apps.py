from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app of its own, for what belongs to no domain: the home
    page and its template, the static files, and the commands that run or save the whole
    site (`ttdn serve`, `ttdn backup`, `ttdn restore`)."""

    name = "ttdn"
    label = "ttdn_site"
    verbose_name = "TTĐN"
