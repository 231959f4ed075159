"""What every app's API shares, kept at the project level so that no domain app imports
another for plumbing: who is calling (``auth``) and the shapes of inputs, errors, paths
and pages (``schemas``). The API instance that gathers the apps' routers is
``ttdn/apiroot.py``."""
