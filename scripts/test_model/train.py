"""SentencePiece vocabulary and a small Marian transformer trained from scratch on CPU."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PAD_PIECE = "<pad>"


def train_sentencepiece(
    lines: Sequence[str], prefix: Path, vocab_size: int, extra_text: Sequence[str]
) -> Path:
    """A shared unigram model for both sides; digits split so numbers are copied digit by digit.

    ``extra_text`` only widens the character inventory (every CJK character of it gets a piece) so
    that Chinese outside the templates is not all ``<unk>``.
    """
    import sentencepiece as spm

    def sentences() -> Any:
        yield from lines
        yield from extra_text

    spm.SentencePieceTrainer.train(
        sentence_iterator=sentences(),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        split_digits=True,
        input_sentence_size=2_000_000,
        shuffle_input_sentence=False,
        num_threads=2,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_model(vocab_size: int, layers: int, d_model: int, heads: int, ffn: int) -> Any:
    """Marian layout; the extra last id is the pad that the decoder starts from (a zero embedding)."""
    from transformers import MarianConfig, MarianMTModel

    pad = vocab_size  # sentencepiece ids 0..V-1, then <pad>
    config = MarianConfig(
        vocab_size=vocab_size + 1,
        decoder_vocab_size=vocab_size + 1,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=512,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=2,
        forced_eos_token_id=2,
        bos_token_id=None,
        scale_embedding=True,
        activation_function="relu",
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )
    return MarianMTModel(config)


def _batches(
    pairs: Sequence[tuple[list[int], list[int]]], max_tokens: int, rng: random.Random
) -> list[list[int]]:
    """Index batches of similar length, so little compute goes to padding."""
    order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]), rng.random()))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        length = max(len(pairs[i][0]), len(pairs[i][1]))
        if current and max(longest, length) * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, length)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def train(
    model: Any,
    pairs: Sequence[tuple[list[int], list[int]]],
    pad: int,
    minutes: float,
    seed: int,
    max_tokens: int = 1400,
    peak_lr: float = 6e-4,
    warmup: int = 300,
    log: Callable[[str], None] = print,
    probe: Callable[[Any], str] | None = None,
) -> dict[str, float]:
    """Train until the time budget is spent; the learning rate decays over the budget, not over epochs."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model.train()
    embed = model.get_input_embeddings()
    with torch.no_grad():
        embed.weight[pad].zero_()
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=peak_lr, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=0.1)
    budget = minutes * 60.0
    start = time.monotonic()
    step = 0
    epoch = 0
    ema = float("nan")
    done = False
    while not done:
        epoch += 1
        for batch in _batches(pairs, max_tokens, rng):
            elapsed = time.monotonic() - start
            if elapsed >= budget:
                done = True
                break
            src = [pairs[i][0] for i in batch]
            tgt = [pairs[i][1] + [2] for i in batch]
            s_len = max(map(len, src))
            t_len = max(map(len, tgt))
            input_ids = torch.full((len(batch), s_len), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), s_len), dtype=torch.long)
            labels = torch.full((len(batch), t_len), -100, dtype=torch.long)
            dec_in = torch.full((len(batch), t_len), pad, dtype=torch.long)
            for row, (s, t) in enumerate(zip(src, tgt, strict=True)):
                input_ids[row, : len(s)] = torch.tensor(s)
                mask[row, : len(s)] = 1
                labels[row, : len(t)] = torch.tensor(t)
                dec_in[row, 1 : len(t)] = torch.tensor(t[:-1])
            frac = elapsed / budget
            lr = peak_lr * min(1.0, (step + 1) / warmup) * max(0.05, 0.5 * (1 + math.cos(math.pi * frac)))
            for group in optimiser.param_groups:
                group["lr"] = lr
            out = model(input_ids=input_ids, attention_mask=mask, decoder_input_ids=dec_in)
            loss = loss_fn(out.logits.reshape(-1, out.logits.shape[-1]), labels.reshape(-1))
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            with torch.no_grad():
                embed.weight[pad].zero_()
            value = float(loss.item())
            ema = value if math.isnan(ema) else 0.98 * ema + 0.02 * value
            step += 1
            if step % 50 == 0:
                log(f"step {step} epoch {epoch} loss {ema:.3f} lr {lr:.2e} {elapsed / 60:.1f} min")
            if probe is not None and step % 250 == 0:
                # A post-LN transformer can collapse (the encoder stops telling inputs apart); a
                # translation in the log shows that early.
                model.eval()
                with torch.no_grad():
                    log(f"probe: {probe(model)}")
                model.train()
    model.eval()
    return {"steps": step, "epochs": epoch, "loss": ema, "seconds": time.monotonic() - start}
