"""A converted model folder's own files read directly, without translating: the model.bin header, the
vocabulary files and their limits, the installed model's record, the models folder and which model is
the default, and the tokeniser's counts."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
import sentencepiece as spm

from conftest import TEST_MODEL, TINY_MARIAN, TINY_NLLB
from workbench.errors import ModelError
from workbench.mt.converted import (
    INFO,
    KNOWN_READABLE,
    MAX_VOCABULARY_BYTES,
    ConvertedModel,
    binary_version,
    check_binary_version,
    info_text,
    models_dir,
    read_info,
    read_vocabulary,
    write_info,
)
from workbench.mt.loader import (
    default_model,
    find_installed_model,
    installed_models,
    read_converted,
    read_model,
)
from workbench.mt.tokens import SentencePieceTokenizer, load_sentencepiece


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_MODELS_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))


def copied(model: Path, where: Path, name: str | None = None) -> Path:
    folder = where / (name or model.name)
    shutil.copytree(model, folder)
    return folder


def with_header(folder: Path, version: int) -> Path:
    path = folder / "model.bin"
    data = path.read_bytes()
    path.write_bytes(struct.pack("<I", version) + data[4:])
    return folder


# --- model.bin's binary version ---------------------------------------------------------------------------


def test_a_header_too_short_to_read_is_left_to_the_loader(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\x07\x00")
    check_binary_version(folder, "m")  # CTranslate2 says what is wrong when it loads the file


def test_the_binary_version_is_the_first_four_bytes(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(struct.pack("<I", 6) + b"rest")
    assert binary_version(path) == 6
    path.write_bytes(struct.pack("<I", 258))
    assert binary_version(path) == 258
    path.write_bytes(b"\x06\x00\x00")
    assert binary_version(path) is None
    assert binary_version(tmp_path / "missing.bin") is None
    assert binary_version(TINY_MARIAN / "model.bin") == KNOWN_READABLE


@pytest.mark.parametrize("version", [1, KNOWN_READABLE])
def test_a_version_this_runtime_reads_is_accepted(tmp_path: Path, version: int) -> None:
    check_binary_version(with_header(copied(TINY_MARIAN, tmp_path), version), "shown")


@pytest.mark.parametrize("version", [KNOWN_READABLE + 1, 999])
def test_a_newer_version_is_refused_naming_both(tmp_path: Path, version: int) -> None:
    folder = with_header(copied(TINY_MARIAN, tmp_path), version)
    with pytest.raises(ModelError) as err:
        check_binary_version(folder, "my-model")
    message = str(err.value)
    assert message.startswith(
        f"my-model: model.bin was written by a newer CTranslate2 (binary version {version};"
    )
    assert "pip install -U ctranslate2" in message and "\n" not in message


@pytest.mark.parametrize("version", [1000, 2**32 - 1])
def test_a_header_no_ctranslate2_wrote_is_damage(tmp_path: Path, version: int) -> None:
    folder = with_header(copied(TINY_MARIAN, tmp_path), version)
    with pytest.raises(ModelError, match="my-model: model.bin does not start like a CTranslate2 model"):
        check_binary_version(folder, "my-model")
    with pytest.raises(ModelError, match="does not start like a CTranslate2 model"):
        read_model(folder)


# --- vocabularies ----------------------------------------------------------------------------------------


def test_source_and_target_vocabularies_are_read_apart(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "source_vocabulary.json").write_text(json.dumps(["<s>", "▁公司", "▁股"]), encoding="utf-8")
    (folder / "target_vocabulary.txt").write_text("<s>\n▁shares\n", encoding="utf-8")
    vocabulary = read_vocabulary(folder, "m")
    assert vocabulary.source == {"<s>", "▁公司", "▁股"} and vocabulary.target == {"<s>", "▁shares"}
    assert vocabulary.size == 3


def test_a_shared_vocabulary_wins_and_a_text_one_keeps_every_line(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "shared_vocabulary.txt").write_text("<s>\n\n▁a\n", encoding="utf-8")  # a blank token is a token
    (folder / "source_vocabulary.json").write_text(json.dumps(["other"]), encoding="utf-8")
    vocabulary = read_vocabulary(folder, "m")
    assert vocabulary.source == vocabulary.target == {"<s>", "", "▁a"} and vocabulary.size == 3


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "m: the CTranslate2 model has no vocabulary"),
        ({"source_vocabulary.json": '["a"]'}, "has no vocabulary"),
        ({"target_vocabulary.json": '["a"]'}, "has no vocabulary"),
        ({"shared_vocabulary.json": "[]"}, "m: shared_vocabulary.json: is not a list of tokens"),
        ({"shared_vocabulary.json": '{"a": 1}'}, "is not a list of tokens"),
        ({"shared_vocabulary.json": '["a", 1]'}, "is not a list of tokens"),
        ({"shared_vocabulary.txt": ""}, "shared_vocabulary.txt: is not a list of tokens"),
        ({"shared_vocabulary.json": '[["a"]]'}, "shared_vocabulary.json: is not a list of tokens"),
        ({"shared_vocabulary.json": '[[["a"]]]'}, "nested more than 2 levels deep"),
    ],
)
def test_a_vocabulary_that_cannot_be_used_is_one_line(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as err:
        read_vocabulary(folder, "m")
    assert "\n" not in str(err.value)


def test_a_text_vocabulary_not_utf8_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "shared_vocabulary.txt").write_bytes(b"\xff\xfe\n")
    with pytest.raises(ModelError, match="m: shared_vocabulary.txt: is not UTF-8 text"):
        read_vocabulary(folder, "m")


def test_the_vocabulary_size_limit_is_exact(tmp_path: Path) -> None:
    assert MAX_VOCABULARY_BYTES == 64 * 1024**2  # NLLB-200's 256,206 tokens take about 5 MB
    folder = tmp_path / "m"
    folder.mkdir()
    path = folder / "shared_vocabulary.txt"
    with path.open("wb") as handle:
        handle.write(b"a\n")
        handle.truncate(MAX_VOCABULARY_BYTES)
    assert read_vocabulary(folder, "m").size == 2  # "a" and the padding's one long token
    with path.open("ab") as handle:
        handle.write(b"b")
    with pytest.raises(ModelError, match=f"larger than the {MAX_VOCABULARY_BYTES:,} bytes"):
        read_vocabulary(folder, "m")


# --- the installed model's record ------------------------------------------------------------------------


def test_the_record_is_written_and_read_back(tmp_path: Path) -> None:
    model = read_converted(TINY_NLLB)
    folder = copied(TINY_NLLB, tmp_path, "installed")
    write_info(model, folder, "/downloads/nllb")
    info = read_info(folder, "installed")
    assert info["installed_from"] == "/downloads/nllb" and info["kind"] == "nllb"
    assert info["script"] == "Traditional, as written" and info["from_code"] == "zt"
    assert read_converted(folder).name == model.name
    assert read_info(TINY_MARIAN, "x") == {}  # a model not installed by the workbench has no record
    text = (folder / INFO).read_text(encoding="utf-8")
    assert text.startswith('{\n  "kind": "nllb",\n  "name": "tiny-nllb",\n') and text.endswith("}\n")


def test_the_record_keeps_a_chinese_name_readable(tmp_path: Path) -> None:
    folder = copied(TINY_NLLB, tmp_path, "installed")
    (folder / INFO).write_text(json.dumps({"name": "財經 NLLB"}), encoding="utf-8")
    model = read_converted(folder)
    write_info(model, folder, "/downloads/財經")
    assert '"name": "財經 NLLB"' in (folder / INFO).read_text(encoding="utf-8")


def test_the_records_limits(tmp_path: Path) -> None:
    folder = copied(TINY_NLLB, tmp_path, "installed")
    deep = {"name": "deep"}
    node: dict[str, object] = deep
    for _ in range(15):  # 16 objects deep in all: the most allowed
        node["next"] = {}
        node = node["next"]  # type: ignore[assignment]
    (folder / INFO).write_text(json.dumps(deep), encoding="utf-8")
    assert read_converted(folder).name == "deep"
    node["next"] = {}
    (folder / INFO).write_text(json.dumps(deep), encoding="utf-8")
    with pytest.raises(ModelError, match="nested more than 16 levels deep"):
        read_converted(folder)
    (folder / INFO).write_text(json.dumps({"name": "big", "pad": "x" * (1024**2 - 30)}), encoding="utf-8")
    assert (folder / INFO).stat().st_size <= 1024**2 and read_converted(folder).name == "big"
    (folder / INFO).write_text(json.dumps({"name": "big", "pad": "x" * 1024**2}), encoding="utf-8")
    with pytest.raises(ModelError, match="larger than the 1,048,576 bytes"):
        read_converted(folder)


@pytest.mark.parametrize("text", ["[1, 2]", '"name"', "{", "[" * 40 + "]" * 40])
def test_a_record_that_is_not_an_object_is_refused(tmp_path: Path, text: str) -> None:
    folder = copied(TINY_NLLB, tmp_path, "installed")
    (folder / INFO).write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match="delete it and install the model again"):
        read_info(folder, "installed")


@pytest.mark.parametrize(
    ("info", "expected"),
    [({"name": "  big nllb "}, "big nllb"), ({"name": 7}, ""), ({}, ""), ({"name": None}, "")],
)
def test_info_text_is_a_trimmed_string_or_nothing(info: dict[str, object], expected: str) -> None:
    assert info_text(info, "name") == expected


def test_a_named_model_takes_its_records_name_else_its_folders(tmp_path: Path) -> None:
    folder = copied(TINY_MARIAN, tmp_path, "marian-folder")
    assert read_converted(folder).name == "marian-folder"
    (folder / INFO).write_text(json.dumps({"name": "Desk Marian"}), encoding="utf-8")
    model = read_converted(folder)
    assert model.name == "Desk Marian" and model.label.startswith("Desk Marian Marian zho→eng")
    (folder / INFO).write_text(json.dumps({"name": "   "}), encoding="utf-8")
    assert read_converted(folder).name == "marian-folder"


def test_what_a_model_says_of_itself(tmp_path: Path) -> None:
    model = read_converted(TINY_NLLB, "from the desk")
    assert model.shown == "from the desk" and read_converted(TINY_NLLB).shown == str(TINY_NLLB)
    assert model.direction == "zt→en" and not model.wants_simplified and model.kind_name == "NLLB-200"
    assert model.model_dir == TINY_NLLB and model.translates_chinese_to_english


# --- the models folder and the default model -------------------------------------------------------------


def test_the_models_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert models_dir() == tmp_path / "data" / "workbench" / "models"
    monkeypatch.setenv("XDG_DATA_HOME", "")
    assert models_dir() == Path.home() / ".local" / "share" / "workbench" / "models"
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", "~/desk-models")
    assert models_dir() == Path.home() / "desk-models"


def test_installed_models_skip_hidden_links_and_files_and_name_the_unreadable(tmp_path: Path) -> None:
    root = tmp_path / "models"
    root.mkdir()
    copied(TINY_NLLB, root, "b-nllb")
    copied(TINY_MARIAN, root, "a-marian")
    copied(TINY_MARIAN, root, ".staging-1")
    (root / "linked").symlink_to(TINY_MARIAN)
    (root / "notes.txt").write_text("x", encoding="utf-8")
    broken = root / "c-broken"
    broken.mkdir()
    (broken / "model.bin").write_bytes(struct.pack("<I", 6))
    models, problems = installed_models(root)
    assert [m.path.name for m in models] == ["a-marian", "b-nllb"]
    assert len(problems) == 1 and problems[0].startswith(f"{broken}: the CTranslate2 model has no vocabulary")
    assert installed_models(tmp_path / "none") == ([], [])
    assert find_installed_model("b-nllb", root) is not None
    assert find_installed_model("linked", root) is None and find_installed_model(".staging-1", root) is None


def test_the_default_is_a_traditional_model_then_by_name(tmp_path: Path) -> None:
    root = tmp_path / "models"
    root.mkdir()
    copied(TINY_NLLB, root, "a-nllb")
    copied(TINY_NLLB, root, "b-nllb")
    chosen = default_model(tmp_path / "packages", root)
    assert isinstance(chosen, ConvertedModel) and chosen.path.name == "a-nllb"
    hans = root / "a-nllb" / "shared_vocabulary.json"
    tokens = json.loads(hans.read_text(encoding="utf-8"))
    hans.write_text(json.dumps(["zxx_Hant" if t == "zho_Hant" else t for t in tokens]), encoding="utf-8")
    assert read_converted(root / "a-nllb").wants_simplified
    chosen = default_model(tmp_path / "packages", root)
    assert isinstance(chosen, ConvertedModel) and chosen.path.name == "b-nllb"


def test_read_model_tells_the_kinds_apart_and_names_what_is_missing(tmp_path: Path) -> None:
    assert read_model(TINY_MARIAN).kind == "marian"
    assert read_model(TINY_NLLB).kind == "nllb"
    with pytest.raises(ModelError, match=f"^{tmp_path / 'nothing'}: no such model folder"):
        read_model(tmp_path / "nothing")
    with pytest.raises(ModelError, match="^the desk's model: no such model folder"):
        read_model(tmp_path / "nothing", "the desk's model")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="neither an argos package"):
        read_model(empty, "the desk's model")
    no_tokenizer = copied(TINY_MARIAN, tmp_path, "no-spm")
    (no_tokenizer / "source.spm").unlink()
    (no_tokenizer / "target.spm").unlink()
    with pytest.raises(ModelError, match="no-spm: the CTranslate2 model has no SentencePiece tokenizer"):
        read_model(no_tokenizer)


def test_an_unpacked_argos_package_is_read_as_one(tmp_path: Path) -> None:
    with zipfile.ZipFile(TEST_MODEL) as archive:
        archive.extractall(tmp_path / "unpacked")
    (package,) = [p for p in (tmp_path / "unpacked").iterdir() if p.is_dir()]
    assert read_model(package).kind == "argos"
    (package / "metadata.json").unlink()  # the model is there, its description is not
    with pytest.raises(ModelError, match=r"not an argos package \(no metadata.json\)"):
        read_model(package)


# --- the tokeniser ---------------------------------------------------------------------------------------


def test_the_count_is_what_the_model_is_given() -> None:
    model = read_converted(TINY_NLLB)
    tokenizer = model.tokenizer()
    text = "收入增長14%。"
    (encoded,) = tokenizer.encode([text])
    assert encoded[0] == "zho_Hant" and encoded[-1] == "</s>"
    assert tokenizer.count(text) == len(encoded)
    assert tokenizer.target_prefix == ("eng_Latn",)
    pieces = tokenizer.source.encode("Revenue rose", out_type=str)
    assert tokenizer.decode(["eng_Latn", *pieces, "</s>"]) == "Revenue rose"  # codes and ends are not text


def test_a_separate_target_model_decodes(tmp_path: Path) -> None:
    model = read_converted(TINY_MARIAN)
    tokenizer = model.tokenizer()
    assert tokenizer.target is not tokenizer.source
    target = spm.SentencePieceProcessor(model_file=str(TINY_MARIAN / "target.spm"))
    pieces = target.encode("Revenue rose", out_type=str)
    assert tokenizer.decode(pieces) == "Revenue rose"
    bare = SentencePieceTokenizer(target)
    assert bare.target is bare.source and bare.decode(pieces) == "Revenue rose" and bare.count("Revenue") >= 1


def test_a_damaged_sentencepiece_model_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "source.spm"
    path.write_bytes(b"not a model")
    with pytest.raises(ModelError) as err:
        load_sentencepiece(path, "my-model", "convert it again")
    message = str(err.value)
    assert message.startswith("my-model: cannot read source.spm (") and message.endswith(
        "); convert it again"
    )
    assert "\n" not in message and "could not parse ModelProto" in message  # SentencePiece's own reason
