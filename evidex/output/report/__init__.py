"""The review page: report.html (one row per study) and report/<study_id>.html (one page per study)."""

from __future__ import annotations

from evidex.output.report.legacy import write_report

__all__ = ["write_report"]
