"""Forms and pickers for the workbook notebooks (ipywidgets).

What a button or slider does lives here, not in the notebooks, so it can be unit-tested
by setting widget values from Python. Modules: ``forms`` (the diary entry form, the PAINAD
observation form, the weekly action plan), ``explore`` (period and measure pickers for
reading a diary, the question list for a visit) and ``imports`` (bringing a diary from
another app).
"""
