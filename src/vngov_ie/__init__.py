"""vngov-ie: information extraction from Vietnamese government reports."""

__version__ = "0.1.0"
