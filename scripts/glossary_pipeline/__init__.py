"""Content pipeline for the psychodynamic psychotherapy glossary.

Stages, each a plain module that knows nothing of MkDocs:
load -> validate -> index -> generate -> report.
"""

__version__ = "0.1.0"
