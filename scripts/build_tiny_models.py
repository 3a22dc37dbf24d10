"""Build the tiny random-weight CTranslate2 models the tests run: a Marian zh→en and an NLLB-200.

They are shaped like the real Hugging Face models a desk converts (Helsinki-NLP/opus-mt-zh-en and
facebook/nllb-200-distilled-600M) and converted the same way, with CTranslate2's own
``ct2-transformers-converter``, but they are a few hundred KB: d_model 32, one encoder and one decoder
layer, SentencePiece vocabularies of a few thousand pieces trained on the synthetic finance sentences of
``scripts/test_model/corpus.py`` and the sample page. **Their weights are random: their drafts are noise.**
They exist so that the tests check the whole path (tokenisation, language tokens, batching, alternatives,
long-input splitting, installing) with the real runtime and no download, and so CI needs neither torch nor
transformers.

    models/tiny-marian-zh-en/   model.bin config.json shared_vocabulary.json
                                source.spm target.spm tokenizer_config.json   (Marian, 128 positions)
    models/tiny-nllb/           model.bin config.json shared_vocabulary.json
                                sentencepiece.bpe.model                       (NLLB-200 tokens, 160 positions)
    tests/data/tiny_model_tokens.json   what transformers' own MarianTokenizer and NllbTokenizer make of
                                        sample sentences, for the tests to compare workbench's tokeniser with

The build needs torch and transformers, never in the project's environment: a separate venv.

    python3 -m venv /tmp/ct2build
    /tmp/ct2build/bin/pip install torch==2.13.0 transformers==4.57.6 ctranslate2==4.8.5 sentencepiece protobuf
    /tmp/ct2build/bin/python scripts/build_tiny_models.py

transformers is pinned to the release whose loading API ctranslate2 4.8.5's converter calls
(``from_pretrained(dtype=...)``), and the tokenisations were made with it; protobuf lets transformers build
NLLB's fast tokenizer, which the converter loads; ctranslate2 is pinned to the version that wrote the
committed models (a model written by a newer CTranslate2 is refused by an older one). The build takes under a
minute on 2 cores and is deterministic for ``--seed`` (a rebuild gives the same weights, vocabularies and
pieces; the SentencePiece files also record the scratch folder they were trained in). Scratch files (the
Hugging Face checkpoints) go to ``--work``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]

from test_model import corpus  # noqa: E402

SEED_PAGE = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"
MARIAN = "tiny-marian-zh-en"
NLLB = "tiny-nllb"
MARIAN_POSITIONS = 128
NLLB_POSITIONS = 160
# Far above transformers' 0.02: with weights that small a random decoder ignores its source and writes the
# same noise for every sentence, and a test could not tell one source from another by the drafts.
INIT_STD = 0.5
# Sentences whose tokens transformers' tokenisers are asked for: the page's opening, figures, Latin text,
# full-width forms and a character no vocabulary here has.
SAMPLES = (
    "商湯集團（0020.HK）宣布以每股1.52港元回購1,000萬股。",
    "公司收入增長14%至3.08億港元，淨利潤為5,996萬元。",
    "ＡＢＣ公司於2024年3月5日在香港交易所上市",
    "騰訊控股 Tencent Holdings 的股價下跌2.5%",
    "龘是一個罕見的字。",
)
ENGLISH = (
    "SenseTime Group (0020.HK) bought back 10 million shares at HK$1.52 each.",
    "Revenue rose 14% to HK$308 million.",
)


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for the corpus, vocabularies and weights")
    parser.add_argument("--pairs", type=int, default=3000, help="synthetic sentence pairs (default 3000)")
    parser.add_argument("--models", type=Path, default=ROOT / "models", help="where the models go")
    parser.add_argument(
        "--tokens",
        type=Path,
        default=ROOT / "tests" / "data" / "tiny_model_tokens.json",
        help="where transformers' tokenisations of the sample sentences go",
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "scripts" / "work" / "tiny_models", help="scratch folder"
    )
    return parser.parse_args(argv)


def _train_spm(lines: list[str], prefix: Path, vocab_size: int, model_type: str, normalization: str) -> Path:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        normalization_rule_name=normalization,
        num_threads=1,  # one thread: the same pieces on every machine
        shuffle_input_sentence=False,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return Path(f"{prefix}.model")


def _pieces(spm_path: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _convert(hf_dir: Path, out_dir: Path, copy_files: list[str]) -> None:
    converter = Path(sys.executable).parent / "ct2-transformers-converter"
    command = [str(converter), "--model", str(hf_dir), "--output_dir", str(out_dir)]
    command += ["--quantization", "int8", "--force", "--copy_files", *copy_files]
    subprocess.run(command, check=True)


def build_marian(chinese: list[str], english: list[str], work: Path, out: Path, seed: int) -> Any:
    """A Marian zh→en: separate source and target SentencePiece models, one shared vocabulary (as
    opus-mt-zh-en has), sinusoidal positions, the decoder starting from the pad's zero embedding."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    spm_dir = work / "marian-spm"
    spm_dir.mkdir(parents=True, exist_ok=True)
    source = _train_spm(chinese, spm_dir / "source", 1800, "unigram", "nmt_nfkc")
    target = _train_spm(english, spm_dir / "target", 600, "unigram", "identity")
    # transformers' Marian vocabulary: </s> and <unk> first, the pieces of both sides, <pad> last.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in _pieces(source) + _pieces(target):
        if piece not in vocab and piece not in ("<s>",):
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (spm_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        str(source), str(target), str(spm_dir / "vocab.json"), source_lang="zho", target_lang="eng"
    )
    hf_dir = work / "marian-hf"
    shutil.rmtree(hf_dir, ignore_errors=True)
    tokenizer.save_pretrained(hf_dir)
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=MARIAN_POSITIONS,
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        init_std=INIT_STD,
    )
    MarianMTModel(config).save_pretrained(hf_dir)
    _convert(hf_dir, out, ["source.spm", "target.spm", "tokenizer_config.json"])
    return MarianTokenizer.from_pretrained(hf_dir)


def build_nllb(chinese: list[str], english: list[str], work: Path, out: Path, seed: int) -> Any:
    """An NLLB-200: one BPE SentencePiece model for all languages, fairseq's special tokens, the 202
    language codes transformers' NllbTokenizer adds, and M2M-100's architecture underneath."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    spm_dir = work / "nllb-spm"
    spm_dir.mkdir(parents=True, exist_ok=True)
    mixed = [line for pair in zip(chinese, english, strict=False) for line in pair]
    model = _train_spm(mixed, spm_dir / "sentencepiece.bpe", 2400, "bpe", "nmt_nfkc")
    tokenizer = NllbTokenizer(str(model), src_lang="zho_Hant", tgt_lang="eng_Latn")
    hf_dir = work / "nllb-hf"
    shutil.rmtree(hf_dir, ignore_errors=True)
    tokenizer.save_pretrained(hf_dir)
    torch.manual_seed(seed)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=NLLB_POSITIONS,
        scale_embedding=True,
        init_std=INIT_STD,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tokenizer_class="NllbTokenizer",
    )
    M2M100ForConditionalGeneration(config).save_pretrained(hf_dir)
    _convert(hf_dir, out, ["sentencepiece.bpe.model"])
    return NllbTokenizer.from_pretrained(hf_dir)


def _tokens(tokenizer: Any, text: str, **kwargs: Any) -> list[str]:
    return list(tokenizer.convert_ids_to_tokens(tokenizer(text, **kwargs).input_ids))


def tokenisations(marian: Any, nllb: Any) -> dict[str, Any]:
    """What transformers' own tokenisers make of the samples: the source tokens a model is given and,
    for English, the target tokens and the text they decode to."""

    def targets(tokenizer: Any) -> list[dict[str, Any]]:
        rows = []
        for text in ENGLISH:
            ids = tokenizer(text_target=text).input_ids
            tokens = [
                t for t in tokenizer.convert_ids_to_tokens(ids) if t not in tokenizer.all_special_tokens
            ]
            rows.append(
                {"text": text, "tokens": tokens, "decoded": tokenizer.decode(ids, skip_special_tokens=True)}
            )
        return rows

    import transformers

    result: dict[str, Any] = {"transformers": transformers.__version__}
    result[MARIAN] = {
        "source": [{"text": t, "tokens": _tokens(marian, t)} for t in SAMPLES],
        "target": targets(marian),
    }
    sources = []
    for language in ("zho_Hant", "zho_Hans"):
        nllb.src_lang = language
        sources += [{"text": t, "language": language, "tokens": _tokens(nllb, t)} for t in SAMPLES]
    nllb.src_lang = "zho_Hant"
    result[NLLB] = {"source": sources, "target": targets(nllb)}
    return result


def main(argv: list[str] | None = None) -> None:
    args = _args(argv)
    random.seed(args.seed)
    args.work.mkdir(parents=True, exist_ok=True)
    pairs = list(corpus.generate(args.pairs, args.seed, ROOT / "glossary.csv"))
    page = [line.strip() for line in SEED_PAGE.read_text(encoding="utf-8").splitlines() if line.strip()]
    # The page widens the Chinese inventory so that its characters have pieces of their own.
    chinese = [zh for zh, _ in pairs] + page
    english = [en for _, en in pairs]
    marian = build_marian(chinese, english, args.work, args.models / MARIAN, args.seed)
    nllb = build_nllb(chinese, english, args.work, args.models / NLLB, args.seed)
    args.tokens.parent.mkdir(parents=True, exist_ok=True)
    args.tokens.write_text(
        json.dumps(tokenisations(marian, nllb), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    for name in (MARIAN, NLLB):
        folder = args.models / name
        size = sum(f.stat().st_size for f in folder.iterdir())
        print(f"{folder}: {size / 1024:.0f} KB ({', '.join(sorted(f.name for f in folder.iterdir()))})")
    import transformers

    print(f"{args.tokens}: tokenisations by transformers {transformers.__version__}")


if __name__ == "__main__":
    main()
