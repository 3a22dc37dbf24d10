"""CTranslate2 conversion and the argos package archive."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

PACKAGE_DIR = "translate-zt_en-finance_test-1_0"
METADATA: dict[str, Any] = {
    "package_version": "1.0",
    "argos_version": "1.11",
    "from_code": "zt",
    "from_name": "Chinese (traditional)",
    "to_code": "en",
    "to_name": "English",
    "name": "finance-test",
    "type": "translate",
    # int8 kernels differ by CPU instruction set, so the workbench runs this model in float32: the committed
    # worked example and the tests then get the same drafts on any x86-64 CPU.
    "ct2_compute_type": "float32",
}


class _Vocabulary:
    """What the converter reads from a tokenizer: the id → piece table and the special pieces.

    The model has no Hugging Face tokenizer files (its tokenizer is the plain SentencePiece model
    argos ships), so the table is taken from SentencePiece, with the decoder-start pad appended.
    """

    eos_token = "</s>"
    unk_token = "<unk>"
    pad_token = "<pad>"

    def __init__(self, spm_path: Path) -> None:
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(spm_path))
        self.table = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
        self.table[self.pad_token] = sp.get_piece_size()

    def get_vocab(self) -> dict[str, int]:
        return dict(self.table)


def convert(hf_dir: Path, spm_path: Path, out_dir: Path, quantization: str = "int8") -> Path:
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):  # type: ignore[misc]
        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            return _Vocabulary(spm_path)

    _Converter(str(hf_dir)).convert(str(out_dir), quantization=quantization, force=True)
    return out_dir


def write_package(
    ct2_dir: Path,
    spm_path: Path,
    readme: str,
    destination: Path,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """The .argosmodel zip: one top-level folder, written to a temp file and renamed into place."""
    members: dict[str, bytes] = {
        "metadata.json": (json.dumps(METADATA, indent=2, ensure_ascii=False) + "\n").encode(),
        "README.md": readme.encode(),
        "sentencepiece.model": spm_path.read_bytes(),
    }
    for path in sorted(ct2_dir.rglob("*")):
        if path.is_file():
            members["model/" + path.relative_to(ct2_dir).as_posix()] = path.read_bytes()
    members.update(extra_files or {})
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".argosmodel", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo(PACKAGE_DIR + "/", date_time=(2025, 1, 1, 0, 0, 0)), b"")
            for name in sorted(members):
                info = zipfile.ZipInfo(f"{PACKAGE_DIR}/{name}", date_time=(2025, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, members[name])
        os.chmod(tmp, 0o644)
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return destination
