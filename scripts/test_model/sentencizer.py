"""Rule-based sentence splitting shipped inside the test package.

Stock argostranslate 1.11 splits text with MiniSBD: when a package has a ``minisbd/`` folder it loads
the first ``*.onnx`` file there, otherwise it downloads a model for the language at run time (which
fails offline). A MiniSBD model is an ONNX graph that maps character ids (``units``, int64 [B, N])
and per-character features (``features``, float [B, N, F]) to five scores per character (0 inside
a token, 1 token end, 2 sentence end, 3/4 multi-word tokens), with its character vocabulary and
settings in the model's metadata.

The graph built here is not trained: it encodes one rule. A sentence ends at 。！？!? or at a full
stop followed by a space (3.08 and 0020.HK stay whole), or at a closing quote or bracket right
after such a mark (「……。」 ends after 」). Every character is its own token, as in Chinese.
``split_sentences`` is the same rule in Python, used by the build and the tests.

The ONNX file is written with a small protobuf encoder, so building it needs no ``onnx`` package.
"""

from __future__ import annotations

import json
import re
import struct

TERMINALS = "。！？!?"
PERIODS = "."
CLOSERS = "」』”’）)]》"

# The Python form of the rule, used by the build and the tests.
_END = re.compile(r"(?:[。！？!?]|\.(?=\s|$))+[」』”’）)\]》]?")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        start = 0
        for match in _END.finditer(paragraph):
            piece = paragraph[start : match.end()].strip()
            if piece:
                sentences.append(piece)
            start = match.end()
        rest = paragraph[start:].strip()
        if rest:
            sentences.append(rest)
    return sentences


# --- a minimal protobuf writer for the few ONNX messages needed -------------------------------------


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, value: bytes | str) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _varint(field << 3 | 2) + _varint(len(data)) + data


_FLOAT, _INT64 = 1, 7


def _tensor(name: str, dims: list[int], data_type: int, values: list[float] | list[int]) -> bytes:
    fmt = f"<{len(values)}{'f' if data_type == _FLOAT else 'q'}"
    body = b"".join(_int(1, d) for d in dims) + _int(2, data_type) + _bytes(8, name)
    return body + _bytes(9, struct.pack(fmt, *values))


def _value_info(name: str, elem_type: int, dims: list[str | int]) -> bytes:
    shape = b"".join(_bytes(1, _bytes(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor_type))


def _node(op: str, inputs: list[str], outputs: list[str], axis: int | None = None) -> bytes:
    body = b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs)
    body += _bytes(3, outputs[0]) + _bytes(4, op)
    if axis is not None:
        body += _bytes(5, _bytes(1, "axis") + _int(3, axis) + _int(20, 2))
    return body


def _vocabulary() -> list[str]:
    return ["<PAD>", "<UNK>", *dict.fromkeys(TERMINALS + PERIODS + CLOSERS + " ")]


def onnx_model() -> bytes:
    """The MiniSBD-compatible ONNX model of the rule above."""
    units = _vocabulary()
    size = len(units)

    def table(chars: str) -> list[float]:
        return [1.0 if unit in chars else 0.0 for unit in units]

    big = 2**62
    initializers = [
        _tensor("t_term", [size], _FLOAT, table(TERMINALS)),
        _tensor("t_period", [size], _FLOAT, table(PERIODS)),
        _tensor("t_close", [size], _FLOAT, table(CLOSERS)),
        _tensor("t_space", [size], _FLOAT, table(" ")),
        _tensor("zero_i", [1], _INT64, [0]),
        _tensor("one_i", [1], _INT64, [1]),
        _tensor("minus_one_i", [1], _INT64, [-1]),
        _tensor("big_i", [1], _INT64, [big]),
        _tensor("axis1", [1], _INT64, [1]),
        _tensor("axis2", [1], _INT64, [2]),
        _tensor("zero_f", [], _FLOAT, [0.0]),
        _tensor("one_f", [], _FLOAT, [1.0]),
        _tensor("base", [5], _FLOAT, [0.0, 1.0, 0.0, 0.0, 0.0]),
        _tensor("boost", [5], _FLOAT, [0.0, 0.0, 2.0, 0.0, 0.0]),
    ]
    nodes = [
        _node("Gather", ["t_term", "units"], ["term"], axis=0),
        _node("Gather", ["t_period", "units"], ["period"], axis=0),
        _node("Gather", ["t_close", "units"], ["close"], axis=0),
        _node("Gather", ["t_space", "units"], ["space"], axis=0),
        # a [B, 1] column of zeros to shift rows by one place
        _node("Slice", ["term", "zero_i", "one_i", "axis1"], ["first"]),
        _node("Mul", ["first", "zero_f"], ["pad"]),
    ]

    def shift_next(src: str) -> None:
        nodes.append(_node("Slice", [src, "one_i", "big_i", "axis1"], [src + "_tail"]))
        nodes.append(_node("Concat", [src + "_tail", "pad"], [src + "_next"], axis=1))

    def shift_prev(src: str) -> None:
        nodes.append(_node("Slice", [src, "zero_i", "minus_one_i", "axis1"], [src + "_head"]))
        nodes.append(_node("Concat", ["pad", src + "_head"], [src + "_prev"], axis=1))

    def not_(src: str) -> str:
        nodes.append(_node("Sub", ["one_f", src], ["not_" + src]))
        return "not_" + src

    shift_next("space")
    shift_next("term")
    shift_next("period")
    shift_next("close")
    nodes += [
        # end = terminal, or a full stop followed by a space (not 3.08, not 0020.HK)
        _node("Mul", ["period", "space_next"], ["stop"]),
        _node("Add", ["term", "stop"], ["end"]),
    ]
    shift_prev("end")
    nodes += [
        # a closer right after an end mark carries the end
        _node("Mul", ["close", "end_prev"], ["closed"]),
        _node("Add", ["end", "closed"], ["end2"]),
        # ... but only the last mark of a run (。」, ?!, ...) ends the sentence
        _node("Add", ["term_next", "period_next"], ["mark_next"]),
        _node("Mul", ["end2", not_("mark_next")], ["end3"]),
        _node("Mul", ["end3", not_("close_next")], ["split"]),
        _node("Unsqueeze", ["split", "axis2"], ["split3"]),
        _node("Mul", ["split3", "boost"], ["boosted"]),
        _node("Add", ["boosted", "base"], ["scores"]),
    ]
    graph = b"".join(_bytes(1, n) for n in nodes) + _bytes(2, "rule_sbd")
    graph += b"".join(_bytes(5, t) for t in initializers)
    graph += _bytes(11, _value_info("units", _INT64, ["batch", "length"]))
    graph += _bytes(11, _value_info("features", _FLOAT, ["batch", "length", 1]))
    graph += _bytes(12, _value_info("scores", _FLOAT, ["batch", "length", 5]))

    config = {
        "skip_newline": False,
        "max_seqlen": 1000,
        "no_ssplit": False,
        "batch_size": 32,
        "feat_funcs": ["space_before"],
        "use_dictionary": False,
        "num_dict_feat": 0,
    }
    vocab = {
        "lang": "zh-hant",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {unit: i for i, unit in enumerate(units)},
        "_id2unit": units,
    }
    metadata = {
        "lang_code": "zh-hant",
        "config": json.dumps(config),
        "vocab": json.dumps(vocab),
        "lexicon": "null",
    }
    model = _int(1, 8) + _bytes(2, "workbench rule-based sentence splitter") + _bytes(7, graph)
    model += _bytes(8, _bytes(1, "") + _int(2, 13))
    model += b"".join(_bytes(14, _bytes(1, k) + _bytes(2, v)) for k, v in metadata.items())
    return model


def package_files() -> dict[str, bytes]:
    """Extra package members (path inside the package → bytes) for the sentence splitter."""
    return {"minisbd/zt.onnx": onnx_model()}
