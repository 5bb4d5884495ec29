"""evidex: clinical study PDFs -> validated, traceable evidence tables."""

__version__ = "0.1.0"
