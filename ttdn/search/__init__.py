"""One search over everything the apps register: each app's ``search.py`` describes what
it indexes (``ttdn.search.registry``), this app keeps the index in step and answers
queries for the search page, the API and ``ttdn search``."""
