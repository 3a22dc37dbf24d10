"""A real translate run that holds still between translating and writing, for tests of concurrent saves.

Usage: python held_run.py PAGE OUT MODEL READY GO

The run loads the real engine for MODEL and runs the real pipeline; only the engine is wrapped, so that
after translating (the run has read every PO file it will merge into) it creates READY and waits until GO
exists before returning the drafts. Whatever the test does to the files meanwhile happens to a real run
at the point where a reviewer's save used to be lost.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from workbench.mt import Engine, Translation, load_engine
from workbench.pipeline import TranslateOptions, translate_pages


class HeldEngine:
    def __init__(self, engine: Engine, ready: Path, go: Path) -> None:
        self._engine, self._ready, self._go = engine, ready, go

    @property
    def wants_simplified(self) -> bool:
        return self._engine.wants_simplified

    def describe(self) -> str:
        return self._engine.describe()

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        drafts = self._engine.translate(texts)
        self._ready.write_text("translated\n", encoding="utf-8")
        deadline = time.monotonic() + 120
        while not self._go.exists():
            if time.monotonic() > deadline:
                raise SystemExit("held_run: nobody released the run within 120 s")
            time.sleep(0.05)
        return drafts


def main() -> int:
    page, out, model, ready, go = sys.argv[1:6]
    engine = HeldEngine(load_engine(model, device="cpu"), Path(ready), Path(go))
    report = translate_pages([page], TranslateOptions(out_dir=Path(out)), engine=engine)
    for failure in report.failures:
        print(failure, file=sys.stderr)
    return 2 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
