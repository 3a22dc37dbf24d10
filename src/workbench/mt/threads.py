"""How many CTranslate2 workers, and threads each, to run on the CPU cores at hand.

The matrices of an argos-sized model are too small to spread over many cores: whole batches in parallel,
one or two cores each, translate faster than one batch on all cores. On 2 cores 2 workers x 1 thread was
the best of every setting measured (54.8 sentences/s with the test model, against 1 x 2 and 2 x 2); up to 4
cores each core gets a worker, beyond that each worker gets two threads (8 cores: 4 x 2, 16 cores: 8 x 2),
which keeps every batch's matrix products efficient while the workers keep every core busy.
"""

from __future__ import annotations

import os


def cpu_count() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def cpu_threads(cores: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for ``cores`` CPU cores."""
    cores = max(1, cores)
    workers = cores if cores <= 4 else cores // 2
    return workers, max(1, cores // workers)
