"""Demonstration data for `ttdn demo`: the small tree of two provinces (``small``), the
country's real tree over ten years (``national``), the values of both (``values``) and
the reporting round on top (``reporting``). Project-level because it fills every app;
the units, values and sums go in through those apps' own services. The data are files
in data/."""
