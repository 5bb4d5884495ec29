"""A bounded, seeded mutation fuzzer: mutated seed texts and damaged PDFs through the whole per-document path.

A case is ``(kind, source, seed)``: the mutated bytes are made from the source file and the seed alone,
so any case, a crash found last year included, can be made again byte for byte (``case_bytes``).
Each case runs in a worker process: ``evidex.pipeline.process`` then ``finish`` with bugs raised; the
outcome is a study (any status), or a crash with the innermost evidex frame, or a hang. A hang is a case
over its CPU budget (RLIMIT_CPU, so a busy machine does not make one; the frame it was in is kept) or,
for a hang in native code, a worker silent for ``timeout`` wall seconds (killed, a fresh one takes over).
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import random
import re
import resource
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GENERATED = ROOT / "fixtures" / "generated"


def text_sources() -> list[Path]:
    found = [*sorted((SHARED / "seeds").glob("*.txt")), ROOT / "examples" / "example_study.txt",
             *sorted(GENERATED.glob("synth_*_damaged.txt"))]
    return [p for p in found if p.exists()]


def pdf_sources() -> list[Path]:
    found = [GENERATED / "example_study.pdf", GENERATED / "seed000_digital.pdf",
             *sorted(GENERATED.glob("synth_*_ruled_digital.pdf")), GENERATED / "synth_patients_borderless_scanned.pdf",
             SHARED / "rct" / "pdfs" / "4450164.pdf", SHARED / "rct" / "pdfs" / "57750.pdf"]
    return [p for p in found if p.exists()]


# ---------- mutations: each takes the bytes and a seeded Random and returns new bytes ----------

Mutation = Callable[[bytes, random.Random], bytes]
ODD_TEXT = ["99999999999999999999", "1e308", "NaN", "-0", "0/0", "１２３", "\u202e", "\u2028", "\ufeff", "\x00",
            "\xad", "e\u0301", "|" * 40, "%" * 20, "Table 1", "TABLE 2 ", "n = ", " of ", "(95% CI ", "±", "≥3",
            "\n\n\n", "\r", "\t", "..........", "(((((", "))))", "-" * 30, "Results: ", "1.2.3.4.5", "€", "𝟗𝟗"]
PDF_TOKENS = [b"/Count 999999999", b"/Count -1", b"/Rotate 90", b"/Rotate 45", b"/MediaBox [0 0 0 0]",
              b"/MediaBox [0 0 99999 99999]", b"/Length 0", b"/Length 999999999", b"/Kids [1 0 R]",
              b"/Filter /FlateDecode", b"/Type /Pages", b"endobj", b"stream\n", b"xref\n0 1\n", b"trailer <<>>",
              b"%%EOF", b"/Encrypt 1 0 R", b"9999999999 0 R", b"(\\", b"<<<<<<<<"]


def _pos(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def cut(data: bytes, rng: random.Random) -> bytes:
    return data[: _pos(data, rng)]


def delete(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    return data[:a] + data[a + rng.randint(1, max(1, len(data) // 10)):]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    span = data[a : a + rng.randint(1, 400)]
    return data[:a] + span * rng.randint(2, 60) + data[a:]


def splice(data: bytes, rng: random.Random) -> bytes:
    a, b = sorted((_pos(data, rng), _pos(data, rng)))
    return data[:a] + data[b:] + data[a:b]


def insert_text(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    return data[:a] + rng.choice(ODD_TEXT).encode("utf-8") * rng.randint(1, 30) + data[a:]


def big_numbers(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"\b\d{1,3}\b", lambda m: rng.choice([m.group(), b"99999999999999999999", b"0", b"-5"]), data)


def one_line(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", rng.choice([b" ", b"", b"\r", b"\t"]))


def many_lines(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b" ", b"\n", rng.randint(1, 2000))


def bad_utf8(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    return data[:a] + rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + data[a:]


def pdf_token(data: bytes, rng: random.Random) -> bytes:
    a = _pos(data, rng)
    return data[:a] + rng.choice(PDF_TOKENS) + data[a:]


def pdf_key(data: bytes, rng: random.Random) -> bytes:
    """A dictionary value changed where it is: /Count, /Length, /MediaBox, /Kids, /Rotate."""
    keys = list(re.finditer(rb"/(Count|Length|MediaBox|Kids|Rotate|Root|Size|Parent) ?", data))
    if not keys:
        return pdf_token(data, rng)
    m = rng.choice(keys)
    value = rng.choice([b"0", b"-1", b"99999999", b"[]", b"null", b"7 0 R", b"(x)", b"[0 0 1e30 1e30]", b"1.5"])
    end = m.end() + len(re.match(rb"[^/>\n]*", data[m.end():]).group())  # type: ignore[union-attr]
    return data[: m.end()] + value + b" " + data[end:]


def xref(data: bytes, rng: random.Random) -> bytes:
    """The cross-reference table or its pointer damaged: offsets shifted, entries cut, startxref wrong."""
    at = data.rfind(b"startxref")
    choice = rng.randrange(4)
    if at < 0 or choice == 0:
        return re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + rng.randint(-50, 50),
                                                                           m.group(2)), data)
    if choice == 1:
        return data[:at] + b"startxref\n" + str(rng.randint(0, 10 ** 9)).encode() + b"\n%%EOF\n"
    if choice == 2:
        x = data.rfind(b"xref")
        return data[:x] + data[at:] if x >= 0 else data[:at]
    return data[: data.rfind(b"trailer")] if b"trailer" in data else data[:at]


TEXT_MUTATIONS: list[Mutation] = [flip, cut, delete, duplicate, splice, insert_text, big_numbers, one_line, many_lines,
                                  bad_utf8]
PDF_MUTATIONS: list[Mutation] = [flip, flip, cut, delete, duplicate, splice, pdf_token, pdf_key, pdf_key, xref, xref]


def case_bytes(kind: str, source: Path, seed: int) -> bytes:
    """The mutated input of one case (deterministic: the source's bytes and the seed decide everything)."""
    rng = random.Random(f"{kind}:{source.name}:{seed}")
    data = source.read_bytes()
    if kind == "text" and len(data) > 4000:  # a window keeps a case fast; the shapes are what matter
        start = rng.randrange(len(data) - 3000)
        data = data[start : start + rng.randint(1500, 4000)]
    mutations = TEXT_MUTATIONS if kind == "text" else PDF_MUTATIONS
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(mutations)(data, rng)
    return data


@dataclass(frozen=True)
class Case:
    kind: str  # text | pdf
    source: Path
    seed: int
    ocr: str = "off"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.source.name}:{self.seed}"


def cases(kind: str, n: int, sources: list[Path], first_seed: int = 0, ocr: str = "off") -> list[Case]:
    """``n`` cases spread over the sources, seeds counting up from ``first_seed``."""
    return [Case(kind, sources[i % len(sources)], first_seed + i, ocr) for i in range(n)] if sources else []


# ---------- running cases in a worker that can be killed ----------

@dataclass(frozen=True)
class Outcome:
    case: Case
    result: str  # ok | partial | failed | crash | hang
    detail: str = ""  # the error line, or for a crash "Type: message @ evidex/file.py:line"


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/evidex/" in f.filename.replace("\\", "/")]
    if not frames:
        return "outside evidex"
    f = frames[-1]
    return f"evidex/{f.filename.replace(chr(92), '/').split('/evidex/')[-1]}:{f.lineno}"


class OverBudget(BaseException):
    """The case used up its CPU seconds (a BaseException, so no ``except Exception`` in evidex swallows it)."""


def _over_budget(signum, frame) -> None:  # type: ignore[no-untyped-def]
    raise OverBudget


def _cpu_used() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_case(case: Case, folder: Path, cpu_budget: float = 0.0) -> Outcome:
    """One case in this process: a study of any status, a crash with where it happened, or a hang
    (over ``cpu_budget`` CPU seconds of this process, when given; Tesseract's own time is not counted)."""
    from evidex.models import RunOptions
    from evidex.pipeline import default_engines, finish, process

    path = folder / f"case{case.seed}{'.txt' if case.kind == 'text' else '.pdf'}"
    path.write_bytes(case_bytes(case.kind, case.source, case.seed))
    limits = resource.getrlimit(resource.RLIMIT_CPU)
    handler = signal.signal(signal.SIGXCPU, _over_budget) if cpu_budget else None
    if cpu_budget:
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(_cpu_used() + cpu_budget), limits[1]))
    try:
        result = process(path, RunOptions(ocr=case.ocr), default_engines(), raise_bugs=True)
        result, _ = finish(result, raise_bugs=True)
    except OverBudget as exc:
        return Outcome(case, "hang", f"over {cpu_budget:.0f} CPU seconds @ {_where(exc)}")
    except Exception as exc:  # the finding this fuzzer exists for
        return Outcome(case, "crash", f"{type(exc).__name__}: {str(exc)[:200]} @ {_where(exc)}")
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, limits)
        if handler is not None:
            signal.signal(signal.SIGXCPU, handler)
        path.unlink(missing_ok=True)
    return Outcome(case, result.study.status, result.study.error[:200])


def _worker(conn, cpu_budget: float) -> None:  # type: ignore[no-untyped-def]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from evidex.pipeline import default_engines

    default_engines()  # vocabularies loaded before the first case's clock starts
    conn.send("ready")
    with tempfile.TemporaryDirectory(prefix="evidex-fuzz-") as folder:
        while True:
            case = conn.recv()
            if case is None:
                return
            conn.send(run_case(case, Path(folder), cpu_budget))


class Runner:
    """Cases through worker processes; a case that outlives ``timeout`` seconds is a hang and its worker dies."""

    def __init__(self, workers: int = 2, timeout: float = 120.0, cpu_budget: float = 20.0) -> None:
        self.n, self.timeout, self.cpu_budget = workers, timeout, cpu_budget
        self.ctx = mp.get_context("spawn")  # pdfium's global state is not safe to share with a forked child

    def _spawn(self):  # type: ignore[no-untyped-def]
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, self.cpu_budget), daemon=True)
        proc.start()
        return proc, parent

    @staticmethod
    def _ready(slot):  # type: ignore[no-untyped-def]
        if slot[1].recv() != "ready":  # imports take seconds; no case is timed before they are done
            raise RuntimeError("fuzz worker did not start")
        return slot

    def _start(self):  # type: ignore[no-untyped-def]
        return self._ready(self._spawn())

    def run(self, todo: Iterable[Case]) -> list[Outcome]:
        import time
        from multiprocessing.connection import wait

        queue, out = list(todo), []
        slots = [self._ready(slot) for slot in [self._spawn() for _ in range(min(self.n, len(queue)))]]
        busy: dict[int, tuple[Case, float]] = {}
        while queue or busy:
            for i, (_, conn) in enumerate(slots):
                if i not in busy and queue:
                    case = queue.pop(0)
                    conn.send(case)
                    busy[i] = (case, time.monotonic())
            ready = wait([slots[i][1] for i in busy], timeout=1.0)
            for i in list(busy):
                proc, conn = slots[i]
                case, started = busy[i]
                if conn in ready:
                    try:
                        out.append(conn.recv())
                        del busy[i]
                        continue
                    except (EOFError, OSError):  # the worker died mid-case (a crash in native code)
                        proc.join(timeout=5)
                if time.monotonic() - started > self.timeout or not proc.is_alive():
                    out.append(Outcome(case, "hang" if proc.is_alive() else "crash",
                                       f"no answer in {self.timeout:.0f} s" if proc.is_alive() else "worker died"))
                    proc.kill()
                    proc.join()
                    slots[i] = self._start()
                    del busy[i]
        for proc, conn in slots:
            conn.send(None)
            proc.join(timeout=10)
        return out
