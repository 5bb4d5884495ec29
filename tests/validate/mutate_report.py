"""Print detection and false-alarm rates over every mutant: ``python -m tests.validate.mutate_report``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.validate import mutate
from tests.validate.test_mutations import _runner


def main() -> None:
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        s, misses = mutate.score(_runner(Path(tmp)))
    print("\n".join(misses))
    print(
        f"mutants {s.mutants}, expected findings {s.expected}, detected {s.detected} ({s.detection_rate:.1%}); "
        f"read by the parser {s.reached}: detected {s.detected_reached}/{s.expected_reached} "
        f"({s.detection_rate_reached:.1%}); false alarms on {s.clean_docs} clean texts: {s.clean_false_alarms}; "
        f"{time.time() - start:.0f}s"
    )
    for check, (expected, detected) in sorted(s.by_check.items()):
        print(f"  {check}: {detected}/{expected} ({s.rate(check):.1%}) of the mutants the parser read")


if __name__ == "__main__":
    main()
