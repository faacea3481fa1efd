"""Parallax's data layer: cleaning raw scrapes into articles, storing and indexing them.

Nothing in this package imports Textual; the reader and the command line both talk to it
through `parallax.index.api`.
"""
