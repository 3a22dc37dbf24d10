from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# CI machines are shared and slow at times: judge properties, not speed.
settings.register_profile("workbench", deadline=None)
settings.load_profile("workbench")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
GLOSSARY = ROOT / "glossary.csv"
TEST_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
TINY_MARIAN = ROOT / "models" / "tiny-marian-zh-en"
TINY_NLLB = ROOT / "models" / "tiny-nllb"


@pytest.fixture(autouse=True)
def _no_installed_converted_models(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Converted models a developer installed (~/.local/share/workbench/models) must not become every
    test's default model; a test that installs one sets WORKBENCH_MODELS_DIR itself."""
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path_factory.mktemp("models") / "none"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
