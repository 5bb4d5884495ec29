"""Keep libraries' chatter off the user's screen: collect it per document for DIR/evidex.log.

pdfminer, pdfplumber and friends speak three ways: the logging module ("Cannot set non-stroke
color ..."), the warnings module, and C code writing straight to file descriptor 2 (pdfium,
Tesseract, OpenMP). ``quiet()`` catches all three for the time one document is processed and
hands back the lines, so whichever process or machine ran the document, the parent writes them
to the log with the document's name. File-descriptor capture is process-wide, which is why each
worker runs one document at a time.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_LINES = 200  # per document; a PDF with a broken colour space can log the same line 10,000 times


@dataclass
class Captured:
    lines: list[str] = field(default_factory=list)
    dropped: int = 0

    def add(self, line: str) -> None:
        line = " ".join(line.split())
        if not line:
            return
        if len(self.lines) < MAX_LINES:
            self.lines.append(line)
        else:
            self.dropped += 1

    def all_lines(self) -> list[str]:
        return self.lines + ([f"... {self.dropped} more lines like these"] if self.dropped else [])


class _ListHandler(logging.Handler):
    def __init__(self, sink: Captured) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.add(f"{record.levelname.lower()} {record.name}: {record.getMessage()}")


@contextlib.contextmanager
def _logging_to(sink: Captured) -> Iterator[None]:
    root = logging.getLogger()
    handler = _ListHandler(sink)
    saved = root.handlers[:]
    root.handlers = [handler]  # no lastResort printing to stderr while a document runs
    try:
        yield
    finally:
        root.handlers = saved


@contextlib.contextmanager
def _warnings_to(sink: Captured) -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for w in caught:
                sink.add(f"warning {w.category.__name__}: {w.message}")


@contextlib.contextmanager
def _fd2_to(sink: Captured) -> Iterator[None]:
    """C-level writes to stderr go to a temporary file for the duration."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a daemon): nothing to protect
        yield
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            for line in tmp.read(1 << 20).decode("utf-8", "replace").splitlines():
                sink.add(line)


@contextlib.contextmanager
def quiet(fd: bool = True) -> Iterator[Captured]:
    """Collect log records (WARNING and up), warnings and, with ``fd``, C-level stderr output."""
    sink = Captured()
    with contextlib.ExitStack() as stack:
        if fd:
            stack.enter_context(_fd2_to(sink))
        stack.enter_context(_logging_to(sink))
        stack.enter_context(_warnings_to(sink))
        yield sink
