"""Finding, reading and validating argos translation packages.

An argos package is a folder with ``metadata.json`` (from/to codes, version, optional target prefix), a
CTranslate2 model in ``model/`` and a SentencePiece model ``sentencepiece.model``; a ``.argosmodel`` file is
that folder zipped. Packages are found where argostranslate itself keeps them, so a package installed by
either tool serves both.
A ``.argosmodel`` file is opened, checked and unpacked by ``workbench.mt.archive``, which builds on this
module; ``workbench.mt`` names a package by any of these ways (``resolve``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from workbench.errors import InputError, ModelError
from workbench.jsonfile import parse_json, read_json
from workbench.mt.base import Model
from workbench.mt.tokens import SentencePieceTokenizer, load_sentencepiece

M = TypeVar("M", bound=Model)

METADATA = "metadata.json"
SENTENCEPIECE = "sentencepiece.model"
MODEL_DIR = "model"
MODEL_FILE = "model.bin"
# argostranslate ignores keys it does not know, so a package may carry this one for the workbench.
COMPUTE_TYPE_KEY = "ct2_compute_type"

# argos codes: ``zt`` is Traditional Chinese, ``zh`` Simplified. Other spellings seen in hand-made
# packages map onto them.
TRADITIONAL_CODES = frozenset({"zt", "zh_hant", "zh-hant", "zh_tw", "zh-tw", "zh_hk", "zh-hk"})
SIMPLIFIED_CODES = frozenset({"zh", "zh_hans", "zh-hans", "zh_cn", "zh-cn"})
TARGET_CODE = "en"

INSTALL_HINT = "install one with `workbench model install FILE.argosmodel` or pass --model PATH"
DAMAGED = "the package is damaged, get it again"

# A real metadata.json is a few hundred bytes of mostly flat fields; these bounds are far above any real
# one and far below what could exhaust memory or the parser's stack.
MAX_METADATA_BYTES = 1024**2
MAX_METADATA_DEPTH = 16
MAX_SETTINGS_BYTES = 1024**2  # argostranslate's settings.json


@dataclass(frozen=True)
class ArgosPackage:
    """A readable argos package folder and what its metadata says about it."""

    path: Path  # the package folder (holding metadata.json)
    from_code: str
    to_code: str
    version: str
    name: str  # e.g. "translate-zt_en-finance_test"
    target_prefix: str = ""
    origin: str = ""  # what the user gave, when it was not the folder itself (an archive path)
    # The CTranslate2 compute type the package asks for (``ct2_compute_type`` in its metadata); empty: the
    # fastest the device offers. A package whose output must not depend on the CPU asks for float32.
    compute_type: str = ""

    @property
    def model_dir(self) -> Path:
        return self.path / MODEL_DIR

    @property
    def sentencepiece_model(self) -> Path:
        return self.path / SENTENCEPIECE

    @property
    def direction(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def translates_chinese_to_english(self) -> bool:
        source = self.from_code.lower()
        return self.to_code.lower() == TARGET_CODE and (
            source in TRADITIONAL_CODES or source in SIMPLIFIED_CODES
        )

    @property
    def wants_simplified(self) -> bool:
        return self.from_code.lower() in SIMPLIFIED_CODES

    @property
    def shown(self) -> str:
        return self.origin or str(self.path)

    @property
    def kind(self) -> str:
        return "argos"

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name

    def tokenizer(self) -> SentencePieceTokenizer:
        """Bare pieces of the package's one SentencePiece model, its target prefix forced on drafts."""
        processor = load_sentencepiece(self.sentencepiece_model, self.shown, DAMAGED)
        return SentencePieceTokenizer(
            processor, target_prefix=[self.target_prefix] if self.target_prefix else []
        )


def argos_setting(key: str) -> str | None:
    """A setting the way argostranslate reads it: the environment, then its ``settings.json``."""
    value = os.environ.get(key)
    if value:
        return value
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    try:
        stored = read_json(
            config_home / "argos-translate" / "settings.json",
            max_bytes=MAX_SETTINGS_BYTES,
            max_depth=MAX_METADATA_DEPTH,
        )
    except (OSError, InputError):
        return None
    found = stored.get(key) if isinstance(stored, dict) else None
    return found if isinstance(found, str) and found else None


def packages_dir() -> Path:
    """The argos packages folder, found the way argostranslate finds it.

    ``ARGOS_PACKAGES_DIR`` in the environment wins, then the same key in argostranslate's
    ``settings.json``, then ``$XDG_DATA_HOME/argos-translate/packages``.
    """
    configured = argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "argos-translate" / "packages"


def cache_dir() -> Path:
    """Where ``.argosmodel`` files given to ``--model`` are unpacked (``WORKBENCH_CACHE_DIR`` overrides)."""
    from_env = os.environ.get("WORKBENCH_CACHE_DIR")
    if from_env:
        return Path(from_env).expanduser()
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache_home / "workbench"


def parse_metadata(raw: bytes, where: str) -> dict[str, Any]:
    """The object in a package's ``metadata.json`` bytes (``where`` names the file), or a ``ModelError``
    naming what is wrong with it."""
    if len(raw) > MAX_METADATA_BYTES:
        raise ModelError(
            f"{where}: is larger than the {MAX_METADATA_BYTES:,} bytes metadata.json may have; {DAMAGED}"
        )
    try:
        data = parse_json(raw, where, max_depth=MAX_METADATA_DEPTH)
    except InputError as err:
        raise ModelError(f"{err}; {DAMAGED}") from None
    return checked_metadata(data, where)


def checked_metadata(data: object, where: str) -> dict[str, Any]:
    """``data`` read from a metadata.json, when it names the package's languages."""
    if not isinstance(data, dict):
        raise ModelError(f"{where}: must hold a JSON object; {DAMAGED}")
    for key in ("from_code", "to_code"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ModelError(
                f"{where}: has no {key}; an argos translation package names its languages "
                "in from_code and to_code"
            )
    return data


_VERSION_SUFFIX = re.compile(r"-\d+(?:_\d+)*$")


def _package_name(data: dict[str, Any], folder: Path) -> str:
    """A name for messages and PO comments: ``code``, else argospm's name plus the package's own ``name``
    (``translate-zt_en-finance-test``), else the folder name without its version suffix."""
    argospm = f"{data.get('type') or 'translate'}-{data['from_code']}_{data['to_code']}"
    code = data.get("code")
    if isinstance(code, str) and code:
        return code
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        name = name.strip()
        return name if name.startswith(argospm) else f"{argospm}-{name}"
    return _VERSION_SUFFIX.sub("", folder.name) or argospm


def read_package(folder: Path, origin: str = "") -> ArgosPackage:
    """Read and check an argos package folder, or raise ``ModelError`` saying what is missing."""
    where = origin or str(folder)
    meta_path = folder / METADATA
    if not folder.is_dir():
        raise ModelError(f"{where}: no such package folder; {INSTALL_HINT}")
    if not meta_path.is_file():
        raise ModelError(
            f"{where}: not an argos package (no metadata.json); give a package folder or a .argosmodel file"
        )
    shown = f"{origin}: {METADATA}" if origin else str(meta_path)
    try:
        value = read_json(meta_path, max_bytes=MAX_METADATA_BYTES, max_depth=MAX_METADATA_DEPTH)
    except InputError as err:
        raise ModelError(f"{err}; {DAMAGED}") from None
    except OSError as err:
        raise ModelError(f"{shown}: cannot be read ({err.strerror})") from None
    data = checked_metadata(value, shown)
    if not (folder / MODEL_DIR / MODEL_FILE).is_file():
        raise ModelError(
            f"{where}: the package has no CTranslate2 model (model/model.bin); the package is incomplete, "
            "get it again"
        )
    if not (folder / SENTENCEPIECE).is_file():
        if (folder / "bpe.model").is_file():
            raise ModelError(
                f"{where}: the package uses a BPE tokenizer; workbench reads packages with a "
                "sentencepiece.model (all current zh/zt→en argos packages have one)"
            )
        raise ModelError(
            f"{where}: the package has no sentencepiece.model; the package is incomplete, get it again"
        )
    prefix = data.get("target_prefix", "")
    compute_type = data.get(COMPUTE_TYPE_KEY, "")
    return ArgosPackage(
        path=folder,
        from_code=data["from_code"],
        to_code=data["to_code"],
        version=str(data.get("package_version", "")),
        name=_package_name(data, folder),
        target_prefix=prefix if isinstance(prefix, str) else "",
        origin=origin,
        compute_type=compute_type.strip() if isinstance(compute_type, str) else "",
    )


def require_chinese_to_english(package: M) -> M:
    """The model itself when it translates zt/zh → en; otherwise a ``ModelError`` naming its direction."""
    if not package.translates_chinese_to_english:
        raise ModelError(
            f"{package.shown}: package {package.name} translates {package.direction}; workbench needs a "
            f"zt→en or zh→en package; {INSTALL_HINT}"
        )
    return package


def installed_packages(folder: Path | None = None) -> tuple[list[ArgosPackage], list[str]]:
    """The readable packages in the packages folder, sorted by name, and one line per unreadable one."""
    root = folder if folder is not None else packages_dir()
    packages: list[ArgosPackage] = []
    problems: list[str] = []
    if not root.is_dir():
        return packages, problems
    for child in sorted(root.iterdir()):
        # argostranslate and our installer both stage work in hidden folders.
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            packages.append(read_package(child))
        except ModelError as err:
            problems.append(str(err))
    return packages, problems


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def default_package(folder: Path | None = None) -> ArgosPackage:
    """The installed package ``translate`` uses without ``--model``.

    A ``zt`` package is preferred because the articles are Traditional; a ``zh`` one reads them through
    OpenCC. Among equals the newest version wins.
    """
    root = folder if folder is not None else packages_dir()
    packages, _ = installed_packages(root)
    usable = [p for p in packages if p.translates_chinese_to_english]
    if not usable:
        raise ModelError(f"no zt→en or zh→en argos package is installed in {root}; {INSTALL_HINT}")
    return max(usable, key=lambda p: (not p.wants_simplified, _version_key(p.version), p.name))


def find_installed(name: str, folder: Path | None = None) -> ArgosPackage | None:
    """An installed package by folder name or package name (``translate-zt_en``)."""
    packages, _ = installed_packages(folder)
    for package in packages:
        if name in (package.path.name, package.name, f"{package.from_code}_{package.to_code}"):
            return package
    return None


def describe_packages(packages: Iterable[ArgosPackage]) -> list[dict[str, str]]:
    """Rows for listing packages, in a shape both a table and ``--json`` can use."""
    return [
        {
            "name": p.name,
            "from": p.from_code,
            "to": p.to_code,
            "version": p.version,
            "path": str(p.path),
        }
        for p in packages
    ]
