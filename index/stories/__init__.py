"""Stories: which articles tell the same event — the meetings they report, the places and dates
they name (`gazetteer.py`, `datespans.py`), and the per-article index of what was found."""
