"""What a run shows on the terminal: a progress bar naming the current file, then the closing lines."""

from __future__ import annotations

import sys
from typing import Any

from evidex import batch
from evidex.inputs import shown

NAME_WIDTH = 40


class BarProgress:
    """tqdm on stderr when ``show``; papers done, failed and skipped counted the same on every executor."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar: Any = None
        self.failed = 0
        self.skipped = 0

    def begin(self, total: int, skipped: int) -> None:
        from tqdm import tqdm

        self.skipped = skipped
        self.bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=not self.show, dynamic_ncols=True)

    def started(self, path: str) -> None:
        if self.bar is not None:
            name = shown(path.rsplit("/", 1)[-1])
            name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
            self.bar.set_postfix_str(self._counts() + name, refresh=False)

    def finished(self, record: batch.Record) -> None:
        self.failed += record.status == "failed"
        if self.bar is not None:
            self.bar.update(1)

    def _counts(self) -> str:
        parts = [f"{self.failed} failed" if self.failed else "", f"{self.skipped} skipped" if self.skipped else ""]
        text = ", ".join(p for p in parts if p)
        return f"{text} | " if text else ""

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report_lines(summary: batch.Summary) -> list[str]:
    """One line per note and per paper that failed or was read in part, then the closing line."""
    lines = [f"evidex: {note}" for note in summary.notes]
    for r in summary.records:
        if r.status == "failed":
            again = " (unchanged since the last run)" if r.skipped else ""
            lines.append(f"evidex: {shown(r.path)}: {r.error}{again}")
        elif r.status == "partial":
            lines.append(f"evidex: {shown(r.path)}: read in part: {r.error}")
    done = summary.processed
    counts = ", ".join(f"{summary.count(s, skipped=False)} {s}" for s in ("ok", "partial", "failed")
                       if summary.count(s, skipped=False))  # fmt: skip
    head = f"evidex: {_plural(len(done), 'paper')} processed" + (f" ({counts})" if counts else "")
    if summary.skipped:
        head += f", {summary.skipped} skipped (already in {shown(summary.out_dir)}; --force redoes them)"
    errors = sum(1 for r in summary.records if r.status in ("failed", "partial"))
    log = summary.out_dir / batch.LOG_NAME
    tail = (f"{_plural(errors, 'error')}, {_plural(summary.warnings, 'warning')}"
            + (f" (in {shown(log)})" if summary.warnings else ""))  # fmt: skip
    rate = f"{summary.per_minute:.1f} papers/min" if done else ""
    report = summary.out_dir / "report.html"
    lines.append("; ".join(p for p in (head, tail, rate, f"review: {shown(report)}") if p))
    return lines
