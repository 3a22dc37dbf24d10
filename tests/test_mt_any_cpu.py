"""The test model gives the same drafts on any x86-64 CPU, so the worked example and the tests hold anywhere.

CTranslate2 picks its kernels by the CPU: the instruction set (``CT2_FORCE_CPU_ISA`` forces one) and the
matrix library (MKL on Intel, oneDNN elsewhere; ``CT2_USE_MKL`` forces one). In int8 the seed page's drafts
differ between these (about one sentence in ten); the test model's package asks for float32, where they do
not. Each "other CPU" is a real process with those variables set before CTranslate2 loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.mt import find_package

ROOT = Path(__file__).resolve().parent.parent
TEST_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"

_DRAFTS = """
import json, sys
from workbench.mt import load_engine
from workbench.pages import split_page
from workbench.segment import sentences_of
from workbench.textio import read_page

page = read_page(sys.argv[1])
# The first 40 sentences hold five whose int8 drafts differ between these kernels on the machines tried.
texts = [s.text for a in split_page(page.text, page.path) for s in sentences_of(a)][:40]
engine = load_engine(sys.argv[2], device="cpu")
print(json.dumps([t.text for t in engine.translate(texts)], ensure_ascii=False))
"""

# (instruction set, MKL): this machine's own choice, and kernels another CPU would take.
CPUS = [
    {},
    {"CT2_FORCE_CPU_ISA": "GENERIC", "CT2_USE_MKL": "0"},
    {"CT2_FORCE_CPU_ISA": "GENERIC", "CT2_USE_MKL": "1"},
]


def _drafts(env: dict[str, str], cache: Path) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CT2_FORCE_CPU_ISA", "CT2_USE_MKL")}
    result = subprocess.run(
        [sys.executable, "-c", _DRAFTS, str(ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"), str(TEST_MODEL)],
        env={**clean, **env, "WORKBENCH_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    drafts: list[str] = json.loads(result.stdout)
    return drafts


def test_the_test_model_asks_for_float32(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path))
    assert find_package(str(TEST_MODEL)).compute_type == "float32"


def test_the_seed_page_gets_the_same_drafts_whatever_kernels_the_cpu_has(tmp_path: Path) -> None:
    runs = [_drafts(env, tmp_path / "cache") for env in CPUS]
    assert len(runs[0]) == 40 and all(runs[0])
    for env, drafts in zip(CPUS[1:], runs[1:], strict=True):
        differing = [(a, b) for a, b in zip(runs[0], drafts, strict=True) if a != b]
        assert not differing, f"{env}: {len(differing)} drafts differ, e.g. {differing[0]}"
