"""The index a lookup goes through: an exact dictionary and a character-bigram inverted index.

Near matches are found through numpy postings that pick a few dozen candidates sharing the rarest bigrams of
the sentence, scored by rapidfuzz; building the postings is a few sorts, done on the first near lookup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from workbench.errors import InputError
from workbench.tm.entry import StoredRow, mask_normalised, masked, normalise

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# How many index candidates rapidfuzz scores per sentence, and how many postings the index may read to
# find them. Near duplicates share most bigrams, so the rarest bigrams of a sentence already find them.
_CANDIDATES = 48
_POSTINGS_BUDGET = 8_000


class Index:
    """Exact dictionary plus a bigram inverted index over the masked sources."""

    def __init__(self, entries: Sequence[StoredRow]) -> None:
        self.exact: dict[str, tuple[StoredRow, int]] = {}
        repeated: dict[str, list[StoredRow]] = {}
        for entry in entries:
            key = normalise(entry.source)
            if not key or not entry.target.strip():
                continue
            if key not in self.exact:
                self.exact[key] = (entry, 1)
            else:
                repeated.setdefault(key, [self.exact[key][0]]).append(entry)
        for key, group in repeated.items():
            self.exact[key] = (_choose(group, str), len({e.target for e in group}))
        # Sources identical once numbers are masked share one row for near matches, chosen as an exact
        # match is: the wording most reviewers used, figures aside (they are substituted anyway).
        rows: dict[str, tuple[StoredRow, int]] = {}
        shared: dict[str, list[str]] = {}
        for key, chosen in self.exact.items():
            masked_key = mask_normalised(key)
            first = rows.setdefault(masked_key, chosen)
            if first is not chosen:
                shared.setdefault(masked_key, [normalise(first[0].source)]).append(key)
        for masked_key, keys in shared.items():
            group = [e for key in keys for e in repeated.get(key, (self.exact[key][0],))]
            rows[masked_key] = (_choose(group, masked), len({masked(e.target) for e in group}))
        self.keys: list[str] = list(rows)
        self.rows: list[tuple[StoredRow, int]] = list(rows.values())
        self._built = False

    def build(self) -> None:
        """Build the near-match postings now (else the first ``near`` does)."""
        if self.keys and not self._built:
            self._build()

    def _build(self) -> None:
        """Postings of every bigram, as one sorted array (CSR layout), built with sorts not Python loops."""
        import numpy as np

        n = len(self.keys)
        self.lengths = np.array([len(k) for k in self.keys], dtype=np.int64)
        bits = max(1, n.bit_length())
        if 2 * _CODE_BITS + bits > 63:
            raise InputError(f"{n} stored segments are more than the memory index holds; split the tree")
        codes, rows = _bigrams(self.keys)
        # np.sort on one int64 key is far faster than np.unique or argsort on pairs.
        combined = np.sort((codes << bits) | rows)
        if len(combined):
            combined = combined[np.concatenate(([True], combined[1:] != combined[:-1]))]
        grams = combined >> bits
        self.postings = combined & ((1 << bits) - 1)
        first = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1]))) if len(grams) else grams
        self.vocab = grams[first]
        self.indptr = np.concatenate((first, [len(grams)]))
        self._built = True

    def near(self, query: str, threshold: float) -> tuple[tuple[StoredRow, int], float] | None:
        import numpy as np
        from rapidfuzz import fuzz, process

        if not self.keys:
            return None
        if not self._built:
            self._build()
        if not len(self.vocab):
            return None
        padded = "\x02" + query + "\x03"
        grams = {(ord(a) << _CODE_BITS) | ord(b) for a, b in zip(padded, padded[1:], strict=False)}
        codes = np.fromiter(grams, dtype=np.int64, count=len(grams))
        ids = np.searchsorted(self.vocab, codes)
        inside = ids < len(self.vocab)
        ids, codes = ids[inside], codes[inside]
        ids = ids[self.vocab[ids] == codes]
        if not len(ids):
            return None
        starts = self.indptr[ids]
        sizes = self.indptr[ids + 1] - starts
        # The rarest bigrams of the sentence first: a near duplicate shares most of them, so the
        # posting lists of a few rare ones already hold it, and common ones only add noise.
        order = np.argsort(sizes)
        within = int(np.searchsorted(np.cumsum(sizes[order]), _POSTINGS_BUDGET, side="right"))
        order = order[: max(1, within)]
        taken = [
            self.postings[start : start + size]
            for start, size in zip(starts[order].tolist(), sizes[order].tolist(), strict=True)
        ]
        found_rows = np.concatenate(taken)
        # A ratio of t needs the shorter string to be at least t / (200 - t) of the longer one.
        lengths = self.lengths[found_rows]
        found_rows = found_rows[
            (lengths * (200 - threshold) >= len(query) * threshold)
            & (lengths * threshold <= len(query) * (200 - threshold))
        ]
        if not len(found_rows):
            return None
        found_rows = np.sort(found_rows)
        first = np.flatnonzero(np.concatenate(([True], found_rows[1:] != found_rows[:-1])))
        candidates = found_rows[first]
        if len(candidates) > _CANDIDATES:
            shared = np.diff(np.concatenate((first, [len(found_rows)])))
            candidates = np.sort(candidates[np.argpartition(-shared, _CANDIDATES)[:_CANDIDATES]])
        choices = [self.keys[int(r)] for r in candidates]
        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            return None
        _, score, position = best
        return self.rows[int(candidates[position])], float(score)


_CODE_BITS = 21  # a Unicode code point


def _bigrams(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every character bigram of each text (with start and end marks), as int codes with their row."""
    import numpy as np

    padded = ["\x02" + t + "\x03" for t in texts]
    lengths = np.array([len(t) for t in padded], dtype=np.int64)
    points = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    row_of = np.repeat(np.arange(len(padded), dtype=np.int64), lengths)
    last = np.cumsum(lengths) - 1
    keep = np.ones(len(points) - 1, dtype=bool)
    keep[last[:-1]] = False  # a bigram may not span two texts
    codes = (points[:-1] << _CODE_BITS) | points[1:]
    return codes[keep], row_of[:-1][keep]


def _choose(group: Sequence[StoredRow], form: Callable[[str], str]) -> StoredRow:
    """The reviewed translation most reviewers used (targets compared in ``form``); among equals, the most
    recently saved one; among those, the first stored (path order)."""
    counts = Counter(form(e.target) for e in group)
    return max(group, key=lambda e: (counts[form(e.target)], e.modified))
