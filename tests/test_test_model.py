"""The committed test model: a valid argos package that plain CTranslate2 + SentencePiece can run.

These tests read models/translate-zt_en-finance_test-1_0.argosmodel as shipped; rebuilding it is
scripts/build_test_model.py's job.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "models" / "translate-zt_en-finance_test-1_0.argosmodel"
TOP = "translate-zt_en-finance_test-1_0"


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pkg")
    with zipfile.ZipFile(PACKAGE) as archive:
        archive.extractall(root)
    return root / TOP


@pytest.fixture(scope="module")
def translate(package_dir: Path) -> Any:
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    # In the compute type the package asks for, as the workbench runs it: the same drafts on any CPU.
    meta = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    translator = ctranslate2.Translator(
        str(package_dir / "model"), device="cpu", compute_type=meta["ct2_compute_type"], intra_threads=1
    )

    def run(sentences: list[str]) -> list[str]:
        # argos's decoding settings: beam 4, length penalty 0.2, unknowns copied from the source
        results = translator.translate_batch(
            [sp.encode(s, out_type=str) for s in sentences],
            beam_size=4,
            length_penalty=0.2,
            replace_unknowns=True,
            max_decoding_length=200,
        )
        return [sp.decode(r.hypotheses[0]) for r in results]

    return run


def test_archive_is_one_safe_top_level_folder() -> None:
    with zipfile.ZipFile(PACKAGE) as archive:
        names = archive.namelist()
    assert {n.split("/")[0] for n in names} == {TOP}
    assert not [n for n in names if n.startswith("/") or ".." in n.split("/")]
    for member in (
        "metadata.json",
        "sentencepiece.model",
        "README.md",
        "model/model.bin",
        "model/config.json",
    ):
        assert f"{TOP}/{member}" in names
    assert PACKAGE.stat().st_size < 12_000_000


def test_metadata_declares_traditional_chinese_to_english(package_dir: Path) -> None:
    meta = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("zt", "en", "translate")
    assert meta["from_name"] == "Chinese (traditional)" and meta["to_name"] == "English"
    assert meta["package_version"] and meta["argos_version"]
    assert "target_prefix" not in meta
    # int8 kernels differ by CPU; the workbench runs this package in float32 (tests/test_mt_any_cpu.py)
    assert meta["ct2_compute_type"] == "float32"


def test_model_card_says_it_is_only_a_test_model(package_dir: Path) -> None:
    card = (package_dir / "README.md").read_text(encoding="utf-8")
    assert "test model" in card and "synthetic" in card
    assert "mistranslates" in card


def test_ctranslate2_model_is_int8(package_dir: Path) -> None:
    config = json.loads((package_dir / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["eos_token"] == "</s>" and config["unk_token"] == "<unk>"
    # int8 weights keep the whole package near 6 MB; float32 would be about four times that
    assert (package_dir / "model" / "model.bin").stat().st_size < 9_000_000


def test_in_template_sentences_keep_company_and_amount(translate: Any) -> None:
    sources = [
        "商湯集團股份有限公司(0020.HK)周二宣布，董事會已批準回購不超過10%股份。",
        "今年上半年，零跑汽車的營收為12.78億元，較去年同期增長14%。",
        "當時估值1,390億港元的商湯最終籌集了57.8億港元。",
        "公司將按每股50.03元發行約5,996萬股內資股，相當於每股55.49港元，較最新H股收市價溢價約9.88%。",
        "上周三，華興資本表示，將以3.08億元(約4,400萬美元)，向奇富科技收購兩個不良個人貸款資產包。",
    ]
    buyback, revenue, ipo, issue, purchase = translate(sources)
    assert "SenseTime" in buyback and "(0020.HK)" in buyback and "10%" in buyback and "Tuesday" in buyback
    assert "Leapmotor" in revenue and "1.278 billion yuan" in revenue and "14%" in revenue
    assert "SenseTime" in ipo and "HK$139 billion" in ipo and "HK$5.78 billion" in ipo
    assert "59.96 million" in issue and "50.03 yuan" in issue and "HK$55.49" in issue
    assert "China Renaissance" in purchase and "Qifu Technology" in purchase and "US$44 million" in purchase
    assert "308 million yuan" in purchase


def test_batch_output_matches_one_by_one(translate: Any) -> None:
    sources = ["至周二收盤報4.33港元，較發行價下跌38%。", "目前，該股的市銷率約為2.2倍。"]
    batched = translate(sources)
    assert batched == [translate([s])[0] for s in sources]
    assert "HK$4.33" in batched[0] and "38%" in batched[0] and "Tuesday" in batched[0]
    assert "2.2 times" in batched[1]


def test_packaged_sentence_splitter_runs_offline(package_dir: Path) -> None:
    ort = pytest.importorskip("onnxruntime")
    import numpy as np

    models = sorted((package_dir / "minisbd").glob("*.onnx"))
    assert models, "argostranslate 1.11 looks for minisbd/*.onnx in the package"
    session = ort.InferenceSession(str(models[0]), providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    vocab = json.loads(meta["vocab"])["_unit2id"]
    config = json.loads(meta["config"])
    assert config["feat_funcs"] == ["space_before"]

    text = "商湯(0020.HK)升3.08%。徐立說:「重組已完成。」真的嗎？Web 3.0 is here. Next"
    units = np.array([[vocab.get(ch, vocab["<UNK>"]) for ch in text] + [vocab["<PAD>"]]], dtype=np.int64)
    features = np.zeros((1, units.shape[1], 1), dtype=np.float32)
    scores = session.run(None, {"units": units, "features": features})[0]
    ends = [i + 1 for i, label in enumerate(scores[0].argmax(-1)[: len(text)]) if label == 2]
    pieces = [text[a:b].strip() for a, b in zip([0, *ends], ends, strict=False)]
    assert pieces == ["商湯(0020.HK)升3.08%。", "徐立說:「重組已完成。」", "真的嗎？", "Web 3.0 is here."]
