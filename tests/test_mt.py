"""The argos engine: every way of naming a package, refused archives, batching, devices, no network.

Most tests run on tiny throwaway packages built here in milliseconds: a SentencePiece model trained on the
seed page and a one-layer CTranslate2 transformer with random weights. Their drafts are nonsense, which is
fine: what is tested is that the engine finds, checks and drives any argos package correctly. The tests
at the end run the committed test package when it is present.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ctranslate2
import numpy as np
import pytest
import sentencepiece as spm
import typer
from ctranslate2.specs import TransformerSpec, model_spec
from typer.testing import CliRunner

from workbench.cli import model as model_cli
from workbench.errors import ModelError
from workbench.mt import Translation, find_package, load_engine, resolve
from workbench.mt import archive as archive_mod
from workbench.mt import engine as engine_mod
from workbench.mt.engine import ArgosEngine, decoding_cap, is_repetitive, resolve_device
from workbench.mt.install import install, install_archive
from workbench.mt.package import packages_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
TEST_MODEL = ROOT / "models" / "translate-zt_en-finance_test-1_0.argosmodel"

SENTENCES = [
    "商湯集團股份有限公司(0020.HK)是中國最早的純人工智能(AI)公司之一。",
    "收入增長14%。",
    "徐立在周二的內部信中表示重組已完成。",
    "公司將優先發展GenAI,將其作為新的主要增長動力。",
    "這一戰略轉變,標誌著商湯正式脫離傳統AI產品。",
    "股價下跌3.5%。",
]

# --- building throwaway packages -------------------------------------------------------------------------


def _sentencepiece(prefix: str) -> bytes:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines += ["The company said revenue rose 14% to 308 million yuan.", "SenseTime shares fell 3.5%."] * 5
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=out,
        vocab_size=900,
        character_coverage=1.0,
        split_digits=True,
        user_defined_symbols=[prefix] if prefix else [],
        minloglevel=2,
    )
    return out.getvalue()


def _random_transformer(vocab: list[str], seed: int, d: int = 32, ff: int = 64) -> TransformerSpec:
    rng = np.random.default_rng(seed)
    spec = TransformerSpec.from_config((1, 1), 2)
    size = len(vocab)

    def fill(layer: Any, name: str, value: Any) -> None:
        if value is not None:
            return
        scope, attr = name.rsplit("/", 1)
        if attr == "gamma":
            array = np.ones(d)
        elif attr == "beta":
            array = np.zeros(d)
        elif "embeddings" in scope or "projection" in scope:
            array = rng.normal(0, 1, (size, d))
        elif scope.endswith("ffn/linear_0"):
            array = rng.normal(0, 0.3, (ff, d))
        elif scope.endswith("ffn/linear_1"):
            array = rng.normal(0, 0.3, (d, ff))
        elif scope.endswith("self_attention/linear_0"):
            array = rng.normal(0, 0.3, (3 * d, d))
        elif scope.endswith("/attention/linear_1"):
            array = rng.normal(0, 0.3, (2 * d, d))
        else:
            array = rng.normal(0, 0.3, (d, d))
        setattr(layer, attr, array.astype(np.float32))

    model_spec.visit_spec(spec, fill)
    bias = np.zeros(size, np.float32)
    bias[2] = 3.0  # make </s> likely so drafts end before the length cap most of the time
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_package(
    folder: Path,
    from_code: str = "zt",
    to_code: str = "en",
    version: str = "0.3",
    prefix: str = "",
    seed: int = 0,
) -> Path:
    folder.mkdir(parents=True)
    proto = _sentencepiece(prefix)
    (folder / "sentencepiece.model").write_bytes(proto)
    sp = spm.SentencePieceProcessor(model_proto=proto)
    spec = _random_transformer([sp.id_to_piece(i) for i in range(sp.get_piece_size())], seed)
    spec.validate()
    spec.optimize(quantization=None)
    (folder / "model").mkdir()
    spec.save(str(folder / "model"))
    meta: dict[str, Any] = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": "Chinese",
        "to_code": to_code,
        "to_name": "English",
    }
    if prefix:
        meta["target_prefix"] = prefix
    (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def zip_package(folder: Path, target: Path, top: str | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, f"{top or folder.name}/{path.relative_to(folder).as_posix()}")
    return target


@pytest.fixture(scope="session")
def zt_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("pkg") / "translate-zt_en-tiny-0_3")


@pytest.fixture(scope="session")
def zt_archive(zt_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return zip_package(zt_package, tmp_path_factory.mktemp("arc") / "translate-zt_en-tiny-0_3.argosmodel")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own argos packages folder, cache and config; the user's are never touched."""
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    yield packages


def _one_line(err: pytest.ExceptionInfo[ModelError]) -> str:
    message = str(err.value)
    assert "\n" not in message and message
    return message


# --- finding packages ------------------------------------------------------------------------------------


def test_loads_a_package_folder(zt_package: Path) -> None:
    engine = load_engine(str(zt_package), device="cpu")
    assert engine.describe() == "translate-zt_en-tiny 0.3 (cpu)"
    assert engine.wants_simplified is False
    drafts = engine.translate(SENTENCES)
    assert len(drafts) == len(SENTENCES)
    assert all(isinstance(d, Translation) and d.text and d.score < 0 for d in drafts)


def test_package_names_follow_metadata(zt_package: Path, tmp_path: Path) -> None:
    named = tmp_path / "translate-zt_en-finance_test-1_0"
    shutil.copytree(zt_package, named)
    meta = json.loads((named / "metadata.json").read_text())
    (named / "metadata.json").write_text(
        json.dumps({**meta, "name": "finance-test", "package_version": "1.0"})
    )
    assert load_engine(named, device="cpu").describe() == "translate-zt_en-finance-test 1.0 (cpu)"
    (named / "metadata.json").write_text(json.dumps({**meta, "code": "translate-zt_en"}))
    assert find_package(named).name == "translate-zt_en"


def test_loads_an_argosmodel_file_once_into_a_cache_keyed_by_its_hash(
    zt_archive: Path, tmp_path: Path, zt_package: Path
) -> None:
    first = find_package(zt_archive)
    assert first.origin == str(zt_archive)
    assert first.path.is_relative_to(tmp_path / "cache")
    weights = first.model_dir / "model.bin"
    stamp = weights.stat().st_mtime_ns
    assert find_package(zt_archive).path == first.path
    assert weights.stat().st_mtime_ns == stamp  # reused, not unpacked again
    assert load_engine(zt_archive, device="cpu").translate(SENTENCES[:2])[0].text
    weights.unlink()  # a hand-pruned cache is repaired, not reported as a broken package
    assert find_package(zt_archive).path == first.path and weights.is_file()

    # The same name with other bytes is another package: never served from the old extraction.
    other = tmp_path / "other"
    shutil.copytree(zt_package, other / zt_package.name)
    meta = json.loads((other / zt_package.name / "metadata.json").read_text())
    meta["package_version"] = "0.4"
    (other / zt_package.name / "metadata.json").write_text(json.dumps(meta))
    changed = zip_package(other / zt_package.name, tmp_path / zt_archive.name)
    second = find_package(changed)
    assert second.path != first.path and second.version == "0.4"
    assert not list((tmp_path / "cache" / "argos").glob(".unpack-*"))  # no staging left behind


def test_default_is_the_installed_package_in_argos_packages_dir(
    zt_package: Path, isolated_dirs: Path, tmp_path: Path
) -> None:
    with pytest.raises(ModelError) as err:
        load_engine(None)
    assert "workbench model install" in _one_line(err) and str(isolated_dirs) in str(err.value)

    build_package(isolated_dirs / "translate-zh_en-1_9", from_code="zh", version="1.9")
    build_package(isolated_dirs / "translate-en_zt-1_0", from_code="en", to_code="zt")
    zh = load_engine(None, device="cpu")
    assert zh.wants_simplified is True and zh.describe().startswith("translate-zh_en 1.9")

    # Articles are Traditional: a zt package wins over a zh one, even an older one.
    shutil.copytree(zt_package, isolated_dirs / zt_package.name)
    zt = load_engine(None, device="cpu")
    assert zt.wants_simplified is False and zt.describe() == "translate-zt_en-tiny 0.3 (cpu)"
    assert find_package("translate-zh_en").from_code == "zh"  # by installed name
    assert find_package(zt_package.name).from_code == "zt"


def test_argostranslate_settings_file_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    assert packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "elsewhere")}))
    assert packages_dir() == tmp_path / "elsewhere"


def test_unknown_model_names_say_how_to_get_one(tmp_path: Path) -> None:
    for name in (str(tmp_path / "missing.argosmodel"), "translate-xx_en", str(tmp_path / "nope")):
        with pytest.raises(ModelError) as err:
            load_engine(name)
        assert "workbench model install" in _one_line(err)


def test_wrong_direction_is_refused_from_every_path(tmp_path: Path) -> None:
    folder = build_package(tmp_path / "translate-en_zt-1_0", from_code="en", to_code="zt")
    archive = zip_package(folder, tmp_path / "en_zt.argosmodel")
    for model in (folder, archive):
        with pytest.raises(ModelError) as err:
            load_engine(model, device="cpu")
        assert "en→zt" in _one_line(err) and "zt→en or zh→en" in str(err.value)


def test_broken_package_folders_say_what_is_missing(zt_package: Path, tmp_path: Path) -> None:
    cases = {
        "metadata.json": "no metadata.json",
        "model/model.bin": "model/model.bin",
        "sentencepiece.model": "sentencepiece.model",
    }
    for missing, expected in cases.items():
        copy = tmp_path / missing.replace("/", "_")
        shutil.copytree(zt_package, copy)
        (copy / missing).unlink()
        with pytest.raises(ModelError) as err:
            load_engine(copy)
        assert expected in _one_line(err)
    bad = tmp_path / "bad-json"
    shutil.copytree(zt_package, bad)
    (bad / "metadata.json").write_text("{not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_engine(bad)


# --- refused archives ------------------------------------------------------------------------------------


def _archive(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def _valid_members(zt_package: Path, top: str = "pkg") -> dict[str, bytes]:
    return {f"{top}/{p.relative_to(zt_package).as_posix()}": p.read_bytes() for p in zt_package.rglob("*.*")}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"pkg/../../evil.txt": b"x"}, "outside the package folder"),
        ({"/tmp/evil.txt": b"x"}, "outside the package folder"),
        ({"C:/evil.txt": b"x"}, "outside the package folder"),
        ({"second/readme.txt": b"x"}, "exactly one top folder"),
    ],
)
def test_unsafe_archives_are_refused_before_anything_is_written(
    zt_package: Path, tmp_path: Path, isolated_dirs: Path, extra: dict[str, bytes], expected: str
) -> None:
    archive = _archive(tmp_path / "bad.argosmodel", {**_valid_members(zt_package), **extra})
    for attempt in (lambda: load_engine(archive), lambda: install_archive(archive)):
        with pytest.raises(ModelError) as err:
            attempt()
        assert expected in _one_line(err)
    assert not (tmp_path / "evil.txt").exists()
    assert not isolated_dirs.exists() or not any(isolated_dirs.iterdir())
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.bin"))


def test_link_members_and_oversized_archives_are_refused(
    zt_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linked = _archive(tmp_path / "link.argosmodel", _valid_members(zt_package), links=("pkg/model/evil",))
    with pytest.raises(ModelError) as err:
        install_archive(linked)
    assert "symbolic link" in _one_line(err)

    good = _archive(tmp_path / "good.argosmodel", _valid_members(zt_package))
    monkeypatch.setattr(archive_mod, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ModelError) as err:
        install_archive(good)
    assert "refusing to unpack" in _one_line(err)


def test_archives_that_are_not_packages(zt_package: Path, tmp_path: Path) -> None:
    not_zip = tmp_path / "page.argosmodel"
    not_zip.write_text("商湯集團", encoding="utf-8")
    no_meta = {k: v for k, v in _valid_members(zt_package).items() if not k.endswith("metadata.json")}
    no_model = {k: v for k, v in _valid_members(zt_package).items() if not k.endswith("model.bin")}
    cases = [
        (not_zip, "zip archive"),
        (_archive(tmp_path / "nometa.argosmodel", no_meta), "no pkg/metadata.json"),
        (_archive(tmp_path / "nomodel.argosmodel", no_model), "model/model.bin"),
        (_archive(tmp_path / "empty.argosmodel", {}), "empty"),
    ]
    for archive, expected in cases:
        with pytest.raises(ModelError) as err:
            install_archive(archive)
        assert expected in _one_line(err), archive
        with pytest.raises(ModelError):
            load_engine(archive)


def test_corrupted_archive_data_is_one_line(zt_archive: Path, tmp_path: Path) -> None:
    data = bytearray(zt_archive.read_bytes())
    with zipfile.ZipFile(zt_archive) as archive:
        info = archive.getinfo(f"{zt_archive.stem}/model/model.bin")
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelError) as err:
        find_package(damaged)
    assert "damaged" in _one_line(err)
    assert not list((tmp_path / "cache").rglob("model.bin"))


# --- translating -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def engine(zt_package: Path) -> ArgosEngine:
    loaded = load_engine(str(zt_package), device="cpu")
    assert isinstance(loaded, ArgosEngine)
    return loaded


def test_batched_output_equals_one_by_one(engine: ArgosEngine) -> None:
    batched = engine.translate(SENTENCES)
    alone = [engine.translate([sentence])[0] for sentence in SENTENCES]
    assert [d.text for d in batched] == [d.text for d in alone]
    assert [d.score for d in batched] == pytest.approx([d.score for d in alone], rel=1e-3)


def test_order_duplicates_and_blanks(engine: ArgosEngine) -> None:
    texts = [SENTENCES[0], "", SENTENCES[1], "  ", SENTENCES[0], SENTENCES[2]]
    drafts = engine.translate(texts)
    reference = engine.translate([SENTENCES[0], SENTENCES[1], SENTENCES[2]])
    assert drafts[0] == drafts[4] == reference[0]
    assert drafts[2] == reference[1] and drafts[5] == reference[2]
    assert drafts[1] == drafts[3] == Translation("", 0.0)
    assert engine.translate([]) == []


class _Spy:
    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []

    def translate_batch(self, batch: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append((batch, kwargs))
        return self.real.translate_batch(batch, **kwargs)


def test_few_sorted_token_batched_calls_with_argos_decoding(
    engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _Spy(engine._translator)
    monkeypatch.setattr(engine, "_translator", spy)
    drafts = engine.translate(SENTENCES * 3)
    lengths = sorted(len(p) for p in engine.tokenizer.encode(SENTENCES))
    distinct = sorted(set(lengths))
    # One call per source length (no padding inside a call), never one per sentence; repeats translated once.
    assert len(spy.calls) == len(distinct) < len(SENTENCES)
    assert [len(p) for batch, _ in spy.calls for p in batch] == lengths
    for (batch, kwargs), size in zip(spy.calls, distinct, strict=True):
        assert {len(p) for p in batch} == {size}
        assert kwargs["max_decoding_length"] == decoding_cap(size) >= 2 * size
        assert kwargs["batch_type"] == "tokens" and kwargs["max_batch_size"] >= 1024
        assert (kwargs["beam_size"], kwargs["length_penalty"]) == (4, 0.2)
        assert kwargs["replace_unknowns"] and kwargs["return_scores"] and kwargs["num_hypotheses"] >= 2
    for draft in drafts:
        assert all(score <= draft.score + 1e-6 for _, score in draft.alternatives)
        assert draft.text not in [text for text, _ in draft.alternatives]


def test_target_prefix_is_forced_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = build_package(tmp_path / "translate-zt_en-prefixed-1_0", prefix="__en__")
    engine = load_engine(folder, device="cpu")
    assert isinstance(engine, ArgosEngine)
    spy = _Spy(engine._translator)
    monkeypatch.setattr(engine, "_translator", spy)
    drafts = engine.translate(SENTENCES[:3])
    assert all(kwargs["target_prefix"] == [["__en__"]] * len(batch) for batch, kwargs in spy.calls)
    assert all("__en__" not in d.text and d.text for d in drafts)


def test_runaway_drafts_are_marked(engine: ArgosEngine) -> None:
    # The random model often fails to stop: such drafts hit the cap and must be marked for reviewers.
    drafts = engine.translate(SENTENCES)
    for sentence, draft in zip(SENTENCES, drafts, strict=True):
        source = engine.tokenizer.count(sentence)
        if engine.tokenizer.count(draft.text) > decoding_cap(source) + 2:
            assert draft.repetitive
    assert any(d.repetitive for d in drafts) and not all(d.repetitive for d in drafts)


def test_repetition_detector() -> None:
    assert is_repetitive("the company said the company said the company said it")
    assert is_repetitive("shares shares shares shares rose")
    assert is_repetitive("Hang", ["▁Hang", "▁Seng", "Seng", "Seng", "Seng", "Seng"])
    assert not is_repetitive("SenseTime Group Inc. (0020.HK) said revenue rose 14% to 308 million yuan.")
    assert not is_repetitive("It sold 1,000,000 shares", ["▁1", ",", "0", "0", "0", "0", "0", "0"])
    assert not is_repetitive("very, very good")


# --- devices and isolation -------------------------------------------------------------------------------


def test_device_choice(monkeypatch: pytest.MonkeyPatch, zt_package: Path) -> None:
    gpus = ctranslate2.get_cuda_device_count()
    assert resolve_device("auto") == ("cuda" if gpus > 0 else "cpu")
    assert resolve_device("CPU") == "cpu"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_device("auto") == "cpu"
    assert load_engine(zt_package).describe().endswith("(cpu)")
    with pytest.raises(ModelError) as err:
        load_engine(zt_package, device="cuda")
    assert "no CUDA device" in _one_line(err) and "--device cpu" in str(err.value)
    with pytest.raises(ModelError, match="unknown device"):
        load_engine(zt_package, device="tpu")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda"


def test_cpu_uses_every_core(engine: ArgosEngine) -> None:
    cores = engine_mod.cpu_count()
    assert cores - 1 <= engine.intra_threads * engine.inter_threads <= cores


def test_no_network_while_loading_and_translating(
    zt_archive: Path, zt_package: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(zt_package, isolated_dirs / zt_package.name)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access attempted")

    class Refused(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse()

    monkeypatch.setattr(socket, "socket", Refused)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for model in (None, str(zt_archive), str(zt_package)):
        assert load_engine(model, device="cpu").translate(SENTENCES[:2])[1].text


# --- installing and the CLI ------------------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """workbench"""

    model_cli.register(app)
    return app


def test_cli_list_and_install(cli: typer.Typer, zt_archive: Path, isolated_dirs: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(cli, ["model", "list"])
    assert empty.exit_code == 0 and "no argos packages installed" in empty.output

    installed = runner.invoke(cli, ["model", "install", str(zt_archive)])
    assert installed.exit_code == 0, installed.output
    assert "installed translate-zt_en-tiny 0.3 (zt→en)" in installed.stderr and installed.stdout == ""
    assert (isolated_dirs / "translate-zt_en-tiny-0_3" / "model" / "model.bin").is_file()
    assert [p.name for p in isolated_dirs.iterdir()] == ["translate-zt_en-tiny-0_3"]

    listed = runner.invoke(cli, ["model", "list"])
    assert listed.exit_code == 0
    line = next(line for line in listed.stdout.splitlines() if "tiny" in line)
    assert line.startswith("* translate-zt_en-tiny") and "zt→en" in line and "0.3" in line

    as_json = json.loads(runner.invoke(cli, ["model", "list", "--json"]).stdout)
    assert as_json["packages"][0]["from"] == "zt" and as_json["packages"][0]["default"] == "yes"
    assert load_engine(None, device="cpu").describe() == "translate-zt_en-tiny 0.3 (cpu)"


def test_install_replaces_an_older_version(zt_package: Path, tmp_path: Path, isolated_dirs: Path) -> None:
    install(str(zip_package(zt_package, tmp_path / "a.argosmodel", top="translate-zt_en-tiny")))
    newer = tmp_path / "newer"
    shutil.copytree(zt_package, newer)
    meta = json.loads((newer / "metadata.json").read_text())
    meta["package_version"] = "0.5"
    (newer / "metadata.json").write_text(json.dumps(meta))
    package = install(str(zip_package(newer, tmp_path / "b.argosmodel", top="translate-zt_en-tiny")))
    assert package.version == "0.5"
    assert sorted(p.name for p in isolated_dirs.iterdir()) == ["translate-zt_en-tiny"]


def test_cli_install_refusals_are_one_line_and_change_nothing(
    cli: typer.Typer, zt_package: Path, tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    evil = _archive(tmp_path / "evil.argosmodel", {**_valid_members(zt_package), "pkg/../../x": b"x"})
    for args in (["model", "install", str(evil)], ["model", "install", str(tmp_path / "gone.argosmodel")]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("workbench: ")
        assert "Traceback" not in result.output
    assert not isolated_dirs.exists() or not any(isolated_dirs.iterdir())

    def offline(*args: Any, **kwargs: Any) -> None:
        raise OSError("network is unreachable")

    class Offline(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            offline()

    monkeypatch.setattr(socket, "socket", Offline)
    monkeypatch.setattr(socket, "getaddrinfo", offline)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "https://index.invalid/")
    result = runner.invoke(cli, ["model", "install", "translate-zt_en"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "argos extra" in result.stderr or "offline?" in result.stderr


def test_resolve_prefers_existing_paths_over_names(zt_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(zt_package.parent)
    assert resolve(zt_package.name).path == Path(zt_package.name)
    assert os.path.samefile(resolve(zt_package.name).path, zt_package)


# --- the committed test package --------------------------------------------------------------------------

needs_test_model = pytest.mark.skipif(not TEST_MODEL.is_file(), reason=f"{TEST_MODEL.name} not built yet")


@needs_test_model
def test_committed_package_through_every_path(isolated_dirs: Path) -> None:
    texts = SENTENCES[:4]
    engine = load_engine(TEST_MODEL, device="cpu")
    assert engine.describe().endswith("1.0 (cpu)") and engine.wants_simplified is False
    batched = engine.translate(texts)
    assert all(d.text and d.score < 0 for d in batched)
    assert [d.text for d in batched] == [engine.translate([t])[0].text for t in texts]

    folder = find_package(TEST_MODEL).path  # the unpacked archive is a package folder in its own right
    assert [d.text for d in load_engine(folder, device="cpu").translate(texts)] == [d.text for d in batched]
    install_archive(TEST_MODEL)
    installed = load_engine(None, device="cpu")
    assert installed.describe() == engine.describe()
    assert [d.text for d in installed.translate(texts)] == [d.text for d in batched]
