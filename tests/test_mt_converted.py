"""Models converted from Hugging Face (Marian, NLLB-200, M2M-100) beside argos packages.

Everything runs the committed tiny models (``models/tiny-marian-zh-en``, ``models/tiny-nllb``: random
weights, real converter output, see ``scripts/build_tiny_models.py``) through the real engine and the real
CLI. Their drafts are noise; what is tested is the path: how a folder's kind is told from its files, that
the tokens CTranslate2 gets are those transformers' own tokenisers make (language token first, ``</s>``
last, the target language forced and removed), batching, alternatives, the long-input split by the
model's own positions, installing, and one line with exit 2 for each kind of unusable folder.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import polib
import pytest
import sentencepiece as spm
from typer.testing import CliRunner

from conftest import SEED, TEST_MODEL, TINY_MARIAN, TINY_NLLB
from test_mt import _Spy  # records what CTranslate2 is handed, and hands it on
from test_mt_long import LIST_SENTENCE
from workbench.cli import _register, app
from workbench.errors import ModelError
from workbench.mt import find_model, load_engine
from workbench.mt.converted import ConvertedModel
from workbench.mt.engine import Ct2Engine, decoding_cap
from workbench.mt.install import install
from workbench.mt.marian import SIMPLIFIED, TRADITIONAL
from workbench.simplified import to_simplified

_register()

TOKENS = Path(__file__).parent / "data" / "tiny_model_tokens.json"
SENTENCES = [
    "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一。",
    "收入增長14%。",
    "徐立在周二的內部信中表示重組已完成。",
    "公司將優先發展GenAI,將其作為新的主要增長動力。",
    "股價下跌3.5%。",
]
NLLB_CODE = re.compile(r"[a-z]{3}_[A-Z][a-z]{3}")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Own models, packages and cache folders; returns the models folder."""
    models = tmp_path / "workbench-models"
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(models))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    return models


def spied(model: Path | str, monkeypatch: pytest.MonkeyPatch) -> tuple[Ct2Engine, _Spy]:
    engine = load_engine(model, device="cpu")
    assert isinstance(engine, Ct2Engine)
    spy = _Spy(engine._translator)
    monkeypatch.setattr(engine, "_translator", spy)
    return engine, spy


def copied(model: Path, tmp_path: Path, name: str | None = None) -> Path:
    folder = tmp_path / (name or model.name)
    shutil.copytree(model, folder)
    return folder


def rename_tokens(folder: Path, renames: dict[str, str]) -> Path:
    """Rename vocabulary tokens in place (same size, same weights): another model's language codes."""
    path = folder / "shared_vocabulary.json"
    tokens = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps([renames.get(t, t) for t in tokens], ensure_ascii=False), encoding="utf-8")
    return folder


def as_m2m100(tmp_path: Path) -> Path:
    """The tiny NLLB with M2M-100's language codes: M2M-100 differs from NLLB in nothing else."""
    tokens = json.loads((TINY_NLLB / "shared_vocabulary.json").read_text(encoding="utf-8"))
    codes = [t for t in tokens if NLLB_CODE.fullmatch(t)]
    names = (f"__{a}{b}{c}__" for a in "pqrstuvwxy" for b in "abcdefghij" for c in "klmnopqrst")
    renames = {code: next(names) for code in codes}
    renames.update({"zho_Hans": "__zh__", "eng_Latn": "__en__"})
    return rename_tokens(copied(TINY_NLLB, tmp_path, "tiny-m2m100"), renames)


def nllb_without_traditional(tmp_path: Path) -> Path:
    return rename_tokens(copied(TINY_NLLB, tmp_path, "tiny-nllb-hans"), {"zho_Hant": "zxx_Hant"})


# --- recognising the kind --------------------------------------------------------------------------------


def test_each_kind_is_recognised_from_the_folders_own_files(tmp_path: Path) -> None:
    marian = find_model(TINY_MARIAN)
    assert isinstance(marian, ConvertedModel)
    assert (marian.kind, marian.source_language, marian.target_language) == ("marian", "zho", "eng")
    assert (marian.source_prefix, marian.source_suffix, marian.target_prefix) == ((), ("</s>",), ())
    nllb = find_model(TINY_NLLB)
    assert isinstance(nllb, ConvertedModel)
    assert (nllb.kind, nllb.source_prefix, nllb.target_prefix) == ("nllb", ("zho_Hant",), ("eng_Latn",))
    m2m = find_model(as_m2m100(tmp_path))
    assert isinstance(m2m, ConvertedModel)
    assert (m2m.kind, m2m.source_prefix, m2m.target_prefix) == ("m2m100", ("__zh__",), ("__en__",))
    assert find_model(TEST_MODEL).kind == "argos"


def test_one_shared_sentencepiece_model_and_text_vocabularies_are_read(tmp_path: Path) -> None:
    # A Marian model with one SentencePiece model for both sides.
    shared = copied(TINY_MARIAN, tmp_path, "marian-shared")
    (shared / "source.spm").rename(shared / "spm.model")
    (shared / "target.spm").unlink()
    model = find_model(shared)
    assert isinstance(model, ConvertedModel) and model.source_spm == model.target_spm == shared / "spm.model"
    assert load_engine(shared, device="cpu").translate(SENTENCES[:2])[1].text
    # Converters before CTranslate2 3.0 wrote the vocabulary as text, one token a line.
    old = copied(TINY_NLLB, tmp_path, "nllb-txt")
    tokens = json.loads((old / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (old / "shared_vocabulary.json").unlink()
    (old / "shared_vocabulary.txt").write_text("".join(f"{t}\n" for t in tokens), encoding="utf-8")
    engine = load_engine(old, device="cpu")
    assert engine.describe().startswith("nllb-txt NLLB-200 zho_Hant→eng_Latn")
    assert [d.text for d in engine.translate(SENTENCES)] == [
        d.text for d in load_engine(TINY_NLLB).translate(SENTENCES)
    ]


def test_the_script_fed_follows_the_source_token_the_model_offers(tmp_path: Path) -> None:
    # NLLB with zho_Hant reads the articles as written; with only zho_Hans, OpenCC's Simplified.
    assert not find_model(TINY_NLLB).wants_simplified
    hans = find_model(nllb_without_traditional(tmp_path))
    assert isinstance(hans, ConvertedModel)
    assert hans.wants_simplified and hans.source_prefix == ("zho_Hans",) and hans.direction == "zh→en"
    # M2M-100 has one Chinese code and reads Simplified, like an argos zh package.
    assert find_model(as_m2m100(tmp_path)).wants_simplified


def test_the_script_lists_are_what_opencc_converts() -> None:
    assert to_simplified(TRADITIONAL) == SIMPLIFIED and len(set(TRADITIONAL) & set(SIMPLIFIED)) == 0


def _simplified_source_spm(folder: Path, tmp_path: Path) -> None:
    lines = [to_simplified(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    prefix = tmp_path / "hans"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=800,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    shutil.copyfile(f"{prefix}.model", folder / "source.spm")


def test_a_marian_model_is_fed_the_script_its_source_vocabulary_saw(tmp_path: Path) -> None:
    # The tiny model's source.spm was trained on Traditional text.
    marian = find_model(TINY_MARIAN)
    assert isinstance(marian, ConvertedModel) and not marian.wants_simplified
    assert "vocabulary" in marian.why_script
    # One trained on the Simplified conversion of the same text is fed Simplified.
    hans = copied(TINY_MARIAN, tmp_path, "marian-hans")
    _simplified_source_spm(hans, tmp_path)
    assert find_model(hans).wants_simplified
    # A script in tokenizer_config.json's source_lang decides before the vocabulary.
    config = json.loads((hans / "tokenizer_config.json").read_text())
    (hans / "tokenizer_config.json").write_text(json.dumps({**config, "source_lang": "zh_TW"}))
    said = find_model(hans)
    assert isinstance(said, ConvertedModel) and not said.wants_simplified and "zh_TW" in said.why_script
    (hans / "tokenizer_config.json").write_text(json.dumps({**config, "source_lang": "zho_Hans"}))
    assert find_model(hans).wants_simplified


# --- tokens: what transformers' tokenisers make, and what CTranslate2 is given ---------------------------


def _as_model_sees(tokens: list[str], vocabulary: set[str]) -> list[str]:
    # A piece outside the vocabulary is the unknown token to the model (CTranslate2 maps it so).
    return [t if t in vocabulary else "<unk>" for t in tokens]


def test_source_tokens_are_those_of_transformers_tokenizers(tmp_path: Path) -> None:
    expected = json.loads(TOKENS.read_text(encoding="utf-8"))
    models = {"tiny-marian-zh-en": TINY_MARIAN, "tiny-nllb": TINY_NLLB}
    hans = find_model(nllb_without_traditional(tmp_path)).tokenizer()
    for name, folder in models.items():
        vocabulary = set(json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8")))
        tokenizer = find_model(folder).tokenizer()
        for row in expected[name]["source"]:
            used = hans if row.get("language") == "zho_Hans" else tokenizer
            (tokens,) = used.encode([row["text"]])
            assert _as_model_sees(tokens, vocabulary | {"zho_Hans"}) == row["tokens"], (name, row)
            assert used.count(row["text"]) == len(tokens)


def test_target_pieces_decode_as_transformers_decodes_them() -> None:
    expected = json.loads(TOKENS.read_text(encoding="utf-8"))
    for name, folder in (("tiny-marian-zh-en", TINY_MARIAN), ("tiny-nllb", TINY_NLLB)):
        tokenizer = find_model(folder).tokenizer()
        for row in expected[name]["target"]:
            assert tokenizer.target.encode(row["text"], out_type=str) == row["tokens"]
            assert tokenizer.decode(row["tokens"]) == row["decoded"] == row["text"]
            # Language codes and end tokens in a draft are not text.
            codes = ["eng_Latn", "fra_Latn"] if name == "tiny-nllb" else ["<pad>", "<pad>"]
            assert tokenizer.decode([codes[0], *row["tokens"], codes[1], "</s>"]) == row["text"]


def test_nllb_gets_its_source_token_and_target_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    engine, spy = spied(TINY_NLLB, monkeypatch)
    drafts = engine.translate(SENTENCES)
    sent = [tokens for batch, _ in spy.calls for tokens in batch]
    assert len(sent) == len(SENTENCES)
    assert all(tokens[0] == "zho_Hant" and tokens[-1] == "</s>" for tokens in sent)
    for batch, kwargs in spy.calls:
        assert kwargs["target_prefix"] == [["eng_Latn"]] * len(batch)
        assert kwargs["max_decoding_length"] == decoding_cap(len(batch[0]), engine._draft_positions) + 1
    assert all(d.text and not NLLB_CODE.search(d.text) for d in drafts)
    assert engine.describe() == "tiny-nllb NLLB-200 zho_Hant→eng_Latn (cpu)"


def test_m2m100_gets_its_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, spy = spied(as_m2m100(tmp_path), monkeypatch)
    drafts = engine.translate([to_simplified(s) for s in SENTENCES])
    assert all(tokens[0] == "__zh__" and tokens[-1] == "</s>" for batch, _ in spy.calls for tokens in batch)
    assert all(kwargs["target_prefix"] == [["__en__"]] * len(batch) for batch, kwargs in spy.calls)
    assert all(d.text and "__en__" not in d.text for d in drafts)


def test_marian_gets_end_token_and_no_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    engine, spy = spied(TINY_MARIAN, monkeypatch)
    drafts = engine.translate(SENTENCES)
    assert all(tokens[-1] == "</s>" and tokens[0] != "</s>" for batch, _ in spy.calls for tokens in batch)
    assert all(kwargs["target_prefix"] is None for _, kwargs in spy.calls)
    assert all(d.text for d in drafts)


# --- what is shared with argos: batching, alternatives, long input ----------------------------------------


@pytest.mark.parametrize("model", [TINY_MARIAN, TINY_NLLB], ids=["marian", "nllb"])
def test_batched_drafts_equal_one_by_one_with_alternatives(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, spy = spied(model, monkeypatch)
    texts = [SENTENCES[0], "", SENTENCES[1], SENTENCES[0], *SENTENCES[2:]]
    drafts = engine.translate(texts)
    # One call per source length, repeats translated once, blanks not at all.
    lengths = sorted(len(t) for t in engine.tokenizer.encode(SENTENCES))
    assert [len(t) for batch, _ in spy.calls for t in batch] == lengths
    assert len(spy.calls) == len(set(lengths))
    assert drafts[1].text == "" and drafts[0] == drafts[3]
    alone = [engine.translate([s])[0] for s in SENTENCES]
    assert [d for i, d in enumerate(drafts) if i not in (1, 3)] == alone
    # Drafts differ by source (the tiny models' weights are random, not blind to their input).
    assert len({d.text for d in alone}) > 1
    # n-best alternatives for the repair step: distinct from the draft, no better scored.
    assert any(d.alternatives for d in alone)
    for draft in alone:
        assert draft.text not in [text for text, _ in draft.alternatives]
        assert all(score <= draft.score + 1e-6 for _, score in draft.alternatives)


@pytest.mark.parametrize(
    ("model", "positions"), [(TINY_MARIAN, 128), (TINY_NLLB, 160)], ids=["marian", "nllb"]
)
def test_a_sentence_over_the_models_positions_is_cut(
    model: Path, positions: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, spy = spied(model, monkeypatch)
    assert engine.max_positions == positions  # read from the model's own model.bin
    assert engine.budget is not None and engine.tokenizer.count(LIST_SENTENCE) > positions
    long, short = engine.translate([LIST_SENTENCE, SENTENCES[1]])
    units = [tokens for batch, _ in spy.calls for tokens in batch]
    assert len(units) >= 4  # the long sentence in parts, and the short one
    assert all(len(tokens) <= engine.budget < positions for tokens in units)
    # Every part is a whole source in the model's eyes: its language token first, </s> last.
    assert all(tokens[-1] == "</s>" for tokens in units)
    if model == TINY_NLLB:
        assert all(tokens[0] == "zho_Hant" for tokens in units)
    for _, kwargs in spy.calls:
        assert kwargs["max_decoding_length"] <= positions
    assert long.text and long.alternatives and short == engine.translate([SENTENCES[1]])[0]


def test_threads_and_device_are_the_shared_ones() -> None:
    model = find_model(TINY_NLLB)
    engine = Ct2Engine(model, device="cpu", inter_threads=1, intra_threads=1)
    assert (engine.inter_threads, engine.intra_threads, engine.device) == (1, 1, "cpu")
    assert engine.translate(SENTENCES[:1])[0].text
    import ctranslate2

    if ctranslate2.get_cuda_device_count() == 0:
        with pytest.raises(ModelError, match="sees no CUDA device"):
            Ct2Engine(model, device="cuda")


# --- the CLI: translate, install, list -------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def mt_notes(folder: Path) -> list[str]:
    return [
        comment
        for path in sorted(folder.glob("*/en.po"))
        for entry in polib.pofile(str(path))
        for comment in entry.comment.splitlines()
        if comment.startswith("mt: score")
    ]


@pytest.mark.parametrize(
    ("model", "label"),
    [
        (TINY_MARIAN, "tiny-marian-zh-en Marian zho→eng (cpu)"),
        (TINY_NLLB, "tiny-nllb NLLB-200 zho_Hant→eng_Latn (cpu)"),
    ],
    ids=["marian", "nllb"],
)
def test_the_sample_page_is_translated_through_workbench_translate(
    model: Path, label: str, tmp_path: Path
) -> None:
    out = tmp_path / "translations"
    args = [
        "translate",
        str(SEED),
        "--model",
        str(model),
        "--out",
        str(out),
        "--device",
        "cpu",
        "--threads",
        "1x2",
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*/en.po"))
    assert len(files) == 5
    for path in files + sorted(out.glob("*/zh_Hans.po")):
        checked = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr
    entries = [e for path in files for e in polib.pofile(str(path))]
    assert entries and all(e.msgstr and e.fuzzy for e in entries)
    notes = mt_notes(out)
    assert len(notes) == len(entries) and all(label in note for note in notes)


def test_refresh_mt_redrafts_with_another_kind(tmp_path: Path) -> None:
    out = tmp_path / "translations"
    base = ["translate", str(SEED), "--out", str(out), "--device", "cpu", "--no-tm"]
    assert run(*base, "--model", str(TINY_MARIAN)).exit_code == 0
    first = sorted(out.glob("*/en.po"))[0]
    po = polib.pofile(str(first))
    edited = po[0]
    edited.msgstr, edited.flags = "Reviewed by a person.", []
    po.save(str(first))
    # Without --refresh-mt the new model changes nothing already drafted.
    assert run(*base, "--model", str(TINY_NLLB)).exit_code == 0
    assert all("Marian" in note for note in mt_notes(out))
    refreshed = run(*base, "--model", str(TINY_NLLB), "--refresh-mt")
    assert refreshed.exit_code == 0, refreshed.output
    kept = polib.pofile(str(first)).find(edited.msgid)
    assert kept.msgstr == "Reviewed by a person." and "Marian" in kept.comment
    notes = mt_notes(out)
    assert sum("Marian" in note for note in notes) == 1 and sum("NLLB-200" in note for note in notes) > 100


def test_install_list_and_use_by_name(isolated: Path, tmp_path: Path) -> None:
    empty = run("model", "list")
    assert empty.exit_code == 0 and "no converted models" in empty.stderr
    installed = run("model", "install", str(TINY_NLLB))
    assert installed.exit_code == 0, installed.output
    assert "installed tiny-nllb (zt→en, NLLB-200 zho_Hant→eng_Latn)" in installed.stderr
    folder = isolated / "tiny-nllb"
    info = json.loads((folder / "workbench-model.json").read_text(encoding="utf-8"))
    assert (info["kind"], info["source_language"], info["target_language"]) == (
        "nllb",
        "zho_Hant",
        "eng_Latn",
    )
    assert info["from_code"] == "zt" and info["installed_from"] == str(TINY_NLLB.resolve())
    assert [p.name for p in isolated.iterdir()] == ["tiny-nllb"]  # no staging folder left
    assert run("model", "install", str(TINY_MARIAN)).exit_code == 0
    listed = run("model", "list")
    assert listed.exit_code == 0
    rows = {line[2:].split()[0]: line for line in listed.stdout.splitlines() if "tiny-" in line}
    assert rows["tiny-marian-zh-en"].startswith("* ") and "Marian zho→eng" in rows["tiny-marian-zh-en"]
    assert "NLLB-200 zho_Hant→eng_Latn" in rows["tiny-nllb"]
    as_json = json.loads(run("model", "list", "--json").stdout)
    assert {m["name"]: m["kind"] for m in as_json["models"]} == {
        "tiny-marian-zh-en": "marian",
        "tiny-nllb": "nllb",
    }
    # Installed models translate by name, and the default is the one marked *.
    assert load_engine("tiny-nllb", device="cpu").describe().startswith("tiny-nllb NLLB-200")
    assert load_engine(None, device="cpu").describe().startswith("tiny-marian-zh-en Marian")
    # A desk may choose NLLB's Simplified token in the installed model's metadata.
    info["source_language"] = "zho_Hans"
    (folder / "workbench-model.json").write_text(json.dumps(info), encoding="utf-8")
    chosen = find_model("tiny-nllb")
    assert chosen.wants_simplified and "zho_Hans" in chosen.label


def test_a_model_that_cannot_translate_is_not_installed(isolated: Path, tmp_path: Path) -> None:
    assert install(str(TINY_NLLB)).kind == "nllb"
    before = (isolated / "tiny-nllb" / "model.bin").read_bytes()
    broken = copied(TINY_NLLB, tmp_path / "incoming")
    weights = broken / "model.bin"
    weights.write_bytes(weights.read_bytes()[: len(before) // 2])  # the header is fine, the weights cut
    result = run("model", "install", str(broken))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
    assert "the installed tiny-nllb is unchanged" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in isolated.iterdir()] == ["tiny-nllb"]
    assert (isolated / "tiny-nllb" / "model.bin").read_bytes() == before
    assert load_engine("tiny-nllb", device="cpu").translate(SENTENCES[:1])[0].text


def test_an_argos_package_from_a_newer_ctranslate2_is_refused_the_same_way(tmp_path: Path) -> None:
    archive = tmp_path / "translate-zt_en-finance_test-1_0.argosmodel"
    with zipfile.ZipFile(TEST_MODEL) as source, zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("/model/model.bin"):
                data = struct.pack("<I", 7) + data[4:]
            target.writestr(info, data)
    with zipfile.ZipFile(archive) as unpacked:
        unpacked.extractall(tmp_path / "unpacked")
    (folder,) = (tmp_path / "unpacked").iterdir()
    for given in (archive, folder):
        with pytest.raises(
            ModelError, match=r"newer CTranslate2 \(binary version 7; the installed ctranslate2"
        ):
            find_model(given)


# --- bad folders: one line, exit 2, nothing written ------------------------------------------------------


def _no_eng(tmp_path: Path) -> Path:
    return rename_tokens(copied(TINY_NLLB, tmp_path, "nllb"), {"eng_Latn": "enx_Latn"})


def _no_chinese(tmp_path: Path) -> Path:
    return rename_tokens(
        copied(TINY_NLLB, tmp_path, "nllb"), {"zho_Hant": "zxx_Hant", "zho_Hans": "zxx_Hans"}
    )


def _english_to_chinese(tmp_path: Path) -> Path:
    folder = copied(TINY_MARIAN, tmp_path, "marian")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    (folder / "tokenizer_config.json").write_text(
        json.dumps({**config, "source_lang": "eng", "target_lang": "zho"})
    )
    return folder


def _chinese_to_german(tmp_path: Path) -> Path:
    folder = copied(TINY_MARIAN, tmp_path, "marian")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    (folder / "tokenizer_config.json").write_text(json.dumps({**config, "target_lang": "deu"}))
    return folder


def _english_source_spm(tmp_path: Path) -> Path:
    folder = copied(TINY_MARIAN, tmp_path, "marian")
    (folder / "tokenizer_config.json").unlink()  # nothing says the languages: the vocabularies must tell
    shutil.copyfile(folder / "target.spm", folder / "source.spm")
    return folder


def _chinese_target_spm(tmp_path: Path) -> Path:
    folder = copied(TINY_MARIAN, tmp_path, "marian")
    (folder / "tokenizer_config.json").unlink()
    shutil.copyfile(folder / "source.spm", folder / "target.spm")
    return folder


def _without(model: Path, *names: str) -> Any:
    def build(tmp_path: Path) -> Path:
        folder = copied(model, tmp_path)
        for name in names:
            (folder / name).unlink()
        return folder

    return build


def _newer_binary(tmp_path: Path) -> Path:
    folder = copied(TINY_NLLB, tmp_path, "nllb")
    weights = folder / "model.bin"
    data = weights.read_bytes()
    weights.write_bytes(struct.pack("<I", 7) + data[4:])  # what a newer converter would write
    return folder


def _neither(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "README.md").write_text("weights to follow\n")
    return folder


BAD_FOLDERS = {
    "neither": (_neither, "neither an argos package"),
    "nllb-no-english": (_no_eng, "has no eng_Latn token, so it cannot write English"),
    "nllb-no-chinese": (_no_chinese, "has no zho_Hant or zho_Hans token, so it cannot read Chinese"),
    "marian-en-zh-config": (_english_to_chinese, "tokenizer_config.json says it translates eng→zho"),
    "marian-zh-de-config": (_chinese_to_german, "tokenizer_config.json says it translates zho→deu"),
    "marian-english-source": (_english_source_spm, "so this Marian model does not read Chinese"),
    "marian-chinese-target": (_chinese_target_spm, "so this Marian model writes Chinese, not English"),
    "marian-no-source-spm": (_without(TINY_MARIAN, "source.spm"), "has target.spm but no source.spm"),
    "marian-no-spm": (
        _without(TINY_MARIAN, "source.spm", "target.spm"),
        "the CTranslate2 model has no SentencePiece tokenizer",
    ),
    "nllb-no-spm": (
        _without(TINY_NLLB, "sentencepiece.bpe.model"),
        "the NLLB-200 model has no sentencepiece.bpe.model (its tokenizer); convert it again with "
        "ct2-transformers-converter --copy_files sentencepiece.bpe.model",
    ),
    "no-vocabulary": (
        _without(TINY_NLLB, "shared_vocabulary.json"),
        "the CTranslate2 model has no vocabulary",
    ),
    "newer-ctranslate2": (
        _newer_binary,
        "model.bin was written by a newer CTranslate2 (binary version 7; the installed ctranslate2",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FOLDERS))
def test_an_unusable_folder_is_one_line_and_exit_2(case: str, tmp_path: Path, isolated: Path) -> None:
    build, expected = BAD_FOLDERS[case]
    folder = build(tmp_path)
    out = tmp_path / "translations"
    for args in (
        ["translate", str(SEED), "--model", str(folder), "--out", str(out), "--device", "cpu"],
        ["model", "install", str(folder)],
    ):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and str(folder) in lines[0], result.stderr
    assert not out.exists() and not isolated.exists()
