"""Parallax's front ends: the Textual reader and the command line."""
