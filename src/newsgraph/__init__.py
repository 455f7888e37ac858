"""newsgraph: a traceable record of who claims what, with which numbers, across news pages."""

__version__ = "0.1.0"
