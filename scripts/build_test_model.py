"""Rebuild the project's test translation model: models/translate-zt_en-finance_test-1_0.argosmodel.

The package is a small Traditional Chinese → English argos package trained from scratch on synthetic
sentences from templates of Hong Kong finance news (buy-backs, share issues, results, IPOs, price
moves, bylines) over the glossary's companies and tickers, with 億/萬 amounts, dates and percentages
converted the house way. It exists so that tests and benchmarks have a real CTranslate2 model to run
offline. It translates in-template sentences well and mistranslates anything else: it is not a
translator for real articles.

Steps: corpus → shared SentencePiece vocabulary (split digits) → Marian transformer (3+3 layers,
d_model 256) trained on CPU for --minutes → CTranslate2 int8 → argos package with a rule-based
sentence splitter for stock argostranslate.

Needs the ``train`` extra:  pip install -e '.[train]'
Typical rebuild (about 20 minutes on 2 cores):
    python scripts/build_test_model.py --minutes 15
Quick smoke build:
    python scripts/build_test_model.py --minutes 2 --pairs 30000
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_model import corpus, package, sentencizer, train  # noqa: E402

DEFAULT_OUTPUT = ROOT / "models" / f"{package.PACKAGE_DIR}.argosmodel"
SEED_PAGE = ROOT / "seeds" / "000_2f4e0c1cd83e9657.txt"


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--minutes", type=float, default=15.0, help="training time budget (default 15)")
    parser.add_argument(
        "--pairs", type=int, default=150_000, help="synthetic sentence pairs (default 150000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for corpus, initialisation and batches")
    parser.add_argument(
        "--vocab", type=int, default=1200, help="SentencePiece vocabulary size (default 1200)"
    )
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads (default 2)")
    parser.add_argument(
        "--glossary",
        type=Path,
        default=ROOT / "glossary.csv",
        help="companies, people and terms to draw from (built-in list when absent)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "scripts" / "work" / "test_model",
        help="scratch folder for the corpus, checkpoints and logs",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the .argosmodel to write")
    parser.add_argument(
        "--repackage",
        action="store_true",
        help="rebuild only the archive (model card, splitter) from the last run in --work",
    )
    return parser.parse_args(argv)


def _log(work: Path, message: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {message}"
    print(line, flush=True)
    with (work / "build.log").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


# Seed-page sentences rewritten into the templates: what the model is for.
TEMPLATE_EXAMPLES = (
    "商湯集團股份有限公司(0020.HK)周二宣布，董事會已批準回購不超過10%股份。",
    "當時估值1,390億港元的商湯最終籌集了57.8億港元。",
    "公司將按每股50.03元發行約5,996萬股內資股，相當於每股55.49港元，較最新H股收市價溢價約9.88%。",
    "至周二收盤報4.33港元，較發行價下跌38%。",
    "上周三，華興資本表示，將以3.08億元(約4,400萬美元)，向奇富科技收購兩個不良個人貸款資產包。",
)


def _seed_sentences(limit: int = 6) -> list[str]:
    """A few sentences of the seed page as written, for the build report and the model card."""
    if not SEED_PAGE.is_file():
        return []
    found = []
    for line in SEED_PAGE.read_text(encoding="utf-8").splitlines():
        for sentence in sentencizer.split_sentences(line):
            if re.search(r"\d", sentence) and 12 < len(sentence) < 90:
                found.append(sentence.strip())
    return found[:limit]


def _translate(model_dir: Path, spm_path: Path, sentences: list[str]) -> list[str]:
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    # As the workbench runs the package: in the compute type its metadata asks for.
    compute_type = package.METADATA["ct2_compute_type"]
    translator = ctranslate2.Translator(
        str(model_dir), device="cpu", compute_type=compute_type, intra_threads=2
    )
    pieces = [sp.encode(s, out_type=str) for s in sentences]
    results = translator.translate_batch(
        pieces, beam_size=4, length_penalty=0.2, replace_unknowns=True, max_decoding_length=256
    )
    return [sp.decode(r.hypotheses[0]) for r in results]


def _table(rows: list[tuple[str, str]]) -> str:
    lines = ["| source | output |", "| --- | --- |"]
    lines += [f"| {zh} | {en} |" for zh, en in rows]
    return "\n".join(lines)


def _readme(stats: dict[str, float], samples: list[tuple[str, str]], seeds: list[tuple[str, str]]) -> str:
    return f"""# translate-zt_en-finance_test 1.0: a test model, not a translator

A small Traditional Chinese → English argos package that the workbench project builds itself so that
its tests and benchmarks have a real CTranslate2 model to run offline.

**It is trained only on synthetic sentences** generated from templates of Hong Kong finance news
(share buy-backs, share issues, revenue and loss statements, IPOs, share price moves, bylines, a few
finance terms) over a fixed list of companies and tickers, with 億/萬 amounts, dates and percentages
written in house style in the training targets (1,390億港元 → HK$139 billion, 5,996萬股 → 59.96
million shares). It translates most sentences of those templates correctly and **mistranslates
anything outside them**, often fluently and with invented figures. Never use its output as a
translation of a real article; it exists to exercise the pipeline and the QA checks.

Even inside the templates it makes mistakes a reviewer must catch: a figure occasionally comes out
with its decimal point moved (9.88% → "98.8%") or at the wrong scale, and long Latin names may be cut.

- Architecture: Marian-style transformer, 3 encoder + 3 decoder layers, d_model 256, 4 heads, FFN 1024,
  shared embeddings; CTranslate2, int8 weights, run in float32 by the workbench (`ct2_compute_type` in
  `metadata.json`), so its drafts are the same on any x86-64 CPU.
- Vocabulary: one SentencePiece unigram model for both sides, {stats["vocab"]:.0f} pieces, digits split.
- Training: {stats["pairs"]:.0f} synthetic pairs, {stats["steps"]:.0f} steps
  ({stats["seconds"] / 60:.1f} min on 2 CPU threads), final smoothed loss {stats["loss"]:.3f};
  exact match on 200 held-out template sentences: {stats["held_out_exact"]:.0%}.
- Sentence splitting: `minisbd/zt.onnx` is a rule-based splitter (a sentence ends at 。！？!?, or at a
  full stop followed by a space, plus a closing quote or bracket right after) in the format stock
  argostranslate 1.11 loads through MiniSBD, so nothing is downloaded at run time.
- Rebuild: `python scripts/build_test_model.py --help` in the workbench repository.

## Template sentences

{_table(samples)}

## Seed page sentences as written (out of template)

{_table(seeds)}
"""


def _package(work: Path, output: Path) -> Path:
    """Model card, sentence splitter and archive from a finished training run in ``work``."""
    run = json.loads((work / "stats.json").read_text(encoding="utf-8"))
    spm_path = work / "sentencepiece.model"
    ct2_dir = work / "ct2"
    examples = list(TEMPLATE_EXAMPLES)
    samples = list(zip(examples, _translate(ct2_dir, spm_path, examples), strict=True))
    seeds = _seed_sentences()
    seed_rows = list(zip(seeds, _translate(ct2_dir, spm_path, seeds), strict=True)) if seeds else []
    for zh, en in samples + seed_rows:
        _log(work, f"sample: {zh} => {en}")
    readme = _readme(run, samples, seed_rows)
    out = package.write_package(ct2_dir, spm_path, readme, output, sentencizer.package_files())
    _log(work, f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    if args.repackage:
        if not (work / "stats.json").is_file():
            print(
                f"error: no finished training run in {work}; run without --repackage first", file=sys.stderr
            )
            return 2
        _package(work, args.output)
        return 0
    (work / "build.log").write_text("", encoding="utf-8")
    import torch

    torch.set_num_threads(args.threads)
    started = time.monotonic()

    glossary = args.glossary if args.glossary.is_file() else None
    _log(work, f"corpus: {args.pairs} pairs, seed {args.seed}, glossary {glossary or 'built-in list'}")
    pairs = list(corpus.generate(args.pairs, args.seed, glossary))
    with (work / "corpus.tsv").open("w", encoding="utf-8") as handle:
        for zh, en in pairs:
            handle.write(f"{zh}\t{en}\n")

    # The seed page and the glossary only widen the character inventory; line by line, because
    # SentencePiece skips over-long inputs.
    extra = SEED_PAGE.read_text(encoding="utf-8").splitlines() if SEED_PAGE.is_file() else []
    if glossary is not None:
        extra += glossary.read_text(encoding="utf-8-sig").splitlines()
    extra = [chunk for line in extra for chunk in sentencizer.split_sentences(line)]
    sample = [t for pair in pairs[:60_000] for t in pair]
    spm_path = train.train_sentencepiece(sample, work / "sentencepiece", args.vocab, extra)
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = sp.get_piece_size()
    encoded = [(sp.encode(zh), sp.encode(en)) for zh, en in pairs]
    encoded = [(s, t) for s, t in encoded if len(s) <= 160 and len(t) <= 160]
    mean_src = sum(len(s) for s, _ in encoded) / len(encoded)
    mean_tgt = sum(len(t) for _, t in encoded) / len(encoded)
    _log(work, f"sentencepiece: {vocab} pieces; mean tokens zh {mean_src:.1f} en {mean_tgt:.1f}")

    model = train.build_model(vocab, layers=3, d_model=256, heads=4, ffn=1024)
    _log(
        work,
        f"model: {sum(p.numel() for p in model.parameters()) / 1e6:.2f}M parameters; "
        f"training {args.minutes} min on {args.threads} threads",
    )
    probe_src = "上周三，華興資本表示，將以3.08億元(約4,400萬美元)，向奇富科技收購兩個不良個人貸款資產包。"

    def probe(m: Any) -> str:
        ids = torch.tensor([sp.encode(probe_src)])
        out = m.generate(input_ids=ids, num_beams=1, do_sample=False, max_new_tokens=80)
        return str(sp.decode([t for t in out[0].tolist() if t < vocab]))

    stats = train.train(
        model,
        encoded,
        pad=vocab,
        minutes=args.minutes,
        seed=args.seed,
        log=lambda m: _log(work, m),
        probe=probe,
    )
    _log(work, f"trained: {stats}")

    hf_dir = work / "hf"
    model.save_pretrained(str(hf_dir))
    ct2_dir = package.convert(hf_dir, spm_path, work / "ct2")

    held = list(corpus.generate(200, args.seed + 1000, glossary))
    outputs = _translate(ct2_dir, spm_path, [zh for zh, _ in held])
    exact = sum(o.strip() == en for o, (_, en) in zip(outputs, held, strict=True)) / len(held)
    for (zh, en), out in list(zip(held, outputs, strict=True))[:12]:
        _log(work, f"held-out: {zh} => {out}  [ref: {en}]")
    _log(work, f"held-out exact match {exact:.1%}")
    run = {**stats, "vocab": vocab, "pairs": len(pairs), "held_out_exact": exact}
    (work / "stats.json").write_text(json.dumps(run, indent=2), encoding="utf-8")

    _package(work, args.output)
    _log(work, f"done in {(time.monotonic() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
