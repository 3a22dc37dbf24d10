"""Any model of the family (argos package, Marian, NLLB-200, M2M-100) driven directly through CTranslate2.

argostranslate translates one paragraph at a time, re-detecting sentences and batching a handful of tokens;
for a newsroom run of hundreds of sentences nearly all the time goes into overhead. This engine tokenises
every sentence of the run with the model's own tokeniser (``Model.tokenizer``: pieces plus the kind's
language and end tokens), groups them by length and queues them to CTranslate2 all at once, with
token-based batches so short and long sentences fill the device alike. Decoding
follows argostranslate's defaults (beam 4, length penalty 0.2, unknown tokens replaced from the source), so
a package translates as its author tested it; a converted model's target language token is forced as the
draft's first token and removed from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.errors import ModelError
from workbench.mt.base import Model, Translation
from workbench.mt.limits import max_positions, split_for_engine
from workbench.mt.threads import cpu_count, cpu_threads

DEVICES = ("auto", "cpu", "cuda")

# Decoding defaults of argostranslate.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
NUM_HYPOTHESES = 3

# Source tokens per internal batch. Beam search multiplies the working set by the beam size. On a CPU,
# batches of this size are large enough for efficient matrix products yet numerous enough (a page gives
# several) to keep one worker per core busy; on a GPU one batch should fill the device, and argos-sized
# models stay far from its memory even so.
CPU_BATCH_TOKENS = 1024
CUDA_BATCH_TOKENS = 16384

# An English draft rarely needs more than twice the Chinese source's pieces (split digits make numbers long
# on both sides). The cap is taken from the source's length class (the next power of two), not from the
# longest sentence of the call, so a sentence's draft never depends on what else is in the run.
LENGTH_RATIO = 2
LENGTH_MARGIN = 10
SHORTEST_CLASS = 16

EMPTY = Translation(text="", score=0.0)


def resolve_device(device: str) -> str:
    """``cpu`` or ``cuda`` for a requested ``auto``/``cpu``/``cuda``, or ``ModelError`` when impossible."""
    import ctranslate2

    wanted = device.lower()
    if wanted not in DEVICES:
        raise ModelError(f"--device {device}: unknown device; use auto, cpu or cuda")
    if wanted == "cpu":
        return "cpu"
    try:
        gpus = int(ctranslate2.get_cuda_device_count())
    except RuntimeError:
        gpus = 0
    if wanted == "cuda" and gpus == 0:
        raise ModelError(
            "--device cuda: CTranslate2 sees no CUDA device on this machine; use --device cpu (or auto)"
        )
    return "cuda" if gpus > 0 else "cpu"


def is_repetitive(text: str, pieces: Sequence[str] = ()) -> bool:
    """True when the draft loops: one word four times running, or a 2-4 word phrase three times running,
    or one model piece four times running (a loop inside a word, or in text without spaces).

    Digit pieces are exempt because split digits make ``1,000,000`` a legitimate run of zeros.
    """
    words = text.lower().split()
    for size, needed in ((1, 4), (2, 3), (3, 3), (4, 3)):
        span = size * needed
        for start in range(len(words) - span + 1):
            gram = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == gram for k in range(1, needed)):
                return True
    run = 1
    for before, piece in zip(pieces, pieces[1:], strict=False):
        run = run + 1 if piece == before and not piece.strip("▁").isdigit() else 1
        if run >= 4:
            return True
    return False


def length_class(source_pieces: int) -> int:
    size = SHORTEST_CLASS
    while size < source_pieces:
        size *= 2
    return size


def decoding_cap(source_pieces: int, positions: int | None = None) -> int:
    """The most pieces a draft of a source this long may have (the same for its whole length class).

    Never more than the decoder has positions for (``positions``, less any target prefix).
    """
    cap = LENGTH_RATIO * length_class(source_pieces) + LENGTH_MARGIN
    return cap if positions is None else min(cap, positions)


def source_budget(positions: int) -> int:
    """The most source pieces sent to the engine at once: within the encoder's positions, and leaving the
    decoder room for a draft twice as long."""
    return max(1, min(positions - 1, (positions - LENGTH_MARGIN) // LENGTH_RATIO))


class Ct2Engine:
    """A loaded model of any kind; create it once per run and translate everything through it."""

    def __init__(
        self,
        model: Model,
        device: str = "auto",
        compute_type: str | None = None,
        beam_size: int = BEAM_SIZE,
        num_hypotheses: int = NUM_HYPOTHESES,
        batch_tokens: int | None = None,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
    ) -> None:
        import ctranslate2

        self.model = model
        self.device = resolve_device(device)
        self.beam_size = max(beam_size, num_hypotheses)
        self.num_hypotheses = num_hypotheses
        on_gpu = self.device == "cuda"
        self.batch_tokens = batch_tokens or (CUDA_BATCH_TOKENS if on_gpu else CPU_BATCH_TOKENS)
        cores = cpu_count()
        if on_gpu:
            # One stream of large batches fills the GPU; CPU threads only feed it.
            workers, threads = 1, min(cores, 4)
        else:
            workers, threads = cpu_threads(cores)
        self.inter_threads = inter_threads or workers
        self.intra_threads = intra_threads or threads
        # CTranslate2's fastest type for the device (int8 on a CPU) unless asked otherwise: by the caller, or
        # by the model. int8 kernels differ by instruction set (AVX2, AVX-512, oneDNN or MKL), so the same
        # sentence can get another draft on another CPU; float32 gives the same drafts on any x86-64 CPU.
        compute_type = compute_type or model.compute_type or "auto"
        try:
            self._translator: Any = ctranslate2.Translator(
                str(model.model_dir),
                device=self.device,
                compute_type=compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
        except (RuntimeError, ValueError, OSError) as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ModelError(
                f"{model.shown}: cannot load the CTranslate2 model on {self.device} ({reason}); "
                "the model may be damaged or need a newer ctranslate2"
            ) from None
        self.compute_type = str(getattr(self._translator, "compute_type", compute_type))
        self.tokenizer = model.tokenizer()
        self._prefix: list[str] = list(self.tokenizer.target_prefix)
        # Positions the model has encodings for (None: unlimited or unknown). The decoder's are shared by
        # its start token, the target prefix and the draft.
        positions = max_positions(model.model_dir)
        self.max_positions = positions
        self._draft_positions = None if positions is None else positions - 1 - len(self._prefix)
        self.budget = None if self._draft_positions is None else source_budget(self._draft_positions)

    @property
    def wants_simplified(self) -> bool:
        return self.model.wants_simplified

    def describe(self) -> str:
        return f"{self.model.label} ({self.device})"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Drafts for ``texts`` in the same order; an empty text gets an empty draft."""
        results: list[Translation] = [EMPTY] * len(texts)
        where: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            key = text.strip()
            if key:
                # A repeated sentence (a boilerplate line, a quoted title) is translated once.
                where.setdefault(key, []).append(index)
        sources = list(where)
        if not sources:
            return results
        # A source longer than the model's positions goes in parts (its clauses); ``parts[k]`` lists the
        # units of source k, and their drafts are joined.
        units: list[list[str]] = []
        parts: list[list[int]] = []
        for text, source_pieces in zip(sources, self.tokenizer.encode(sources), strict=True):
            if self.budget is None or len(source_pieces) <= self.budget:
                unit_pieces = [source_pieces]
            else:
                texts_of_parts = split_for_engine(text, self.tokenizer.count, self.budget)
                unit_pieces = self.tokenizer.encode(texts_of_parts)
            parts.append(list(range(len(units), len(units) + len(unit_pieces))))
            units.extend(unit_pieces)
        drafts = self._translate_units(units)
        for source_index, source_parts in enumerate(parts):
            translation = _joined([drafts[u] for u in source_parts])
            for index in where[sources[source_index]]:
                results[index] = translation
        return results

    def _translate_units(self, units: list[list[str]]) -> list[Translation]:
        # One call per source length, each cut by CTranslate2 into token batches, all queued together so
        # every worker stays busy until the run is done. Sentences of one length need no padding, and
        # padding is what makes int8 kernels drift: with it, a near-tie in the beam could go another way
        # depending on the other sentences of the run. Without it a draft never depends on its neighbours,
        # and no compute goes to pad tokens.
        by_length: dict[int, list[int]] = {}
        for i in sorted(range(len(units)), key=lambda i: len(units[i])):
            by_length.setdefault(len(units[i]), []).append(i)
        pending: list[tuple[list[int], int, list[Any]]] = []
        for length, chunk in by_length.items():
            cap = decoding_cap(length, self._draft_positions)
            pending.append((chunk, cap, self._submit([units[i] for i in chunk], cap)))
        drafts: list[Translation] = [EMPTY] * len(units)
        for chunk, cap, futures in pending:
            for unit_index, future in zip(chunk, futures, strict=True):
                try:
                    drafts[unit_index] = self._finish(future.result(), cap)
                except RuntimeError as err:
                    # A model whose limit could not be read: the sentence gets no draft (its entry is
                    # flagged empty), and the run goes on.
                    if "position" not in str(err):
                        raise
        return drafts

    def _submit(self, batch: list[list[str]], cap: int) -> list[Any]:
        return list(
            self._translator.translate_batch(
                batch,
                target_prefix=[self._prefix] * len(batch) if self._prefix else None,
                max_batch_size=self.batch_tokens,
                batch_type="tokens",
                beam_size=self.beam_size,
                num_hypotheses=self.num_hypotheses,
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                return_scores=True,
                max_decoding_length=cap + len(self._prefix),
                asynchronous=True,
            )
        )

    def _finish(self, output: Any, cap: int) -> Translation:
        drafts: list[tuple[str, float]] = []
        kept: list[list[str]] = []
        for hypothesis, score in zip(output.hypotheses, output.scores, strict=True):
            tokens = list(hypothesis)
            if self._prefix and tokens[: len(self._prefix)] == self._prefix:
                tokens = tokens[len(self._prefix) :]
            text = self.tokenizer.decode(tokens).strip()
            if any(text == seen for seen, _ in drafts):
                continue
            drafts.append((text, float(score)))
            kept.append(tokens)
        if not drafts:
            return EMPTY
        best, score = drafts[0]
        runaway = len(kept[0]) >= cap
        return Translation(
            text=best,
            score=score,
            alternatives=tuple(drafts[1:]),
            repetitive=runaway or is_repetitive(best, kept[0]),
        )


ArgosEngine = Ct2Engine  # the name from when every model was an argos package


def _joined(drafts: list[Translation]) -> Translation:
    """One draft of a sentence translated in parts: the parts' drafts in order, scored by the weakest.

    The k-th alternative joins each part's k-th alternative (its best where it has fewer), so choosing
    among alternatives still has a choice to make.
    """
    if len(drafts) == 1:
        return drafts[0]
    best = " ".join(d.text for d in drafts if d.text)
    seen = {best}
    alternatives: list[tuple[str, float]] = []
    for rank in range(max(len(d.alternatives) for d in drafts)):
        chosen = [d.alternatives[rank] if rank < len(d.alternatives) else (d.text, d.score) for d in drafts]
        text = " ".join(t for t, _ in chosen if t)
        if text not in seen:
            seen.add(text)
            alternatives.append((text, min(score for _, score in chosen)))
    return Translation(
        text=best,
        score=min(d.score for d in drafts),
        alternatives=tuple(alternatives),
        repetitive=any(d.repetitive for d in drafts),
    )
