"""JSON for the agent's hot paths (its channel to the runtime, Jupyter messages) on the C codec the
json module itself uses, without importing json: json.decoder compiles its regular expressions at
import and pulls in re and enum, ~5 ms of CPU of every agent's start. dumps() gives what
json.dumps gives for the same separators and ensure_ascii; loads() what json.loads gives for a str
or UTF-8 bytes, and raises json's JSONDecodeError (a ValueError) on bad input.
"""
import _json

_WHITESPACE = " \t\n\r"
_CONSTANTS = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}


class _Decoding:
    """What _json's scanner reads from a json.JSONDecoder() with its defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = _CONSTANTS.__getitem__


_scan = _json.make_scanner(_Decoding())


def _default(o):
    raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)


def dumps(obj, compact=False, ascii=True):
    """json.dumps(obj) (compact: separators=(",", ":"); ascii=False: ensure_ascii=False)."""
    encode_str = _json.encode_basestring_ascii if ascii else _json.encode_basestring
    if isinstance(obj, str):
        return encode_str(obj)
    # A new encoder per call, as json's: its markers (circular reference check) are per call.
    encoder = _json.make_encoder({}, _default, encode_str, None, ":" if compact else ": ",
                                 "," if compact else ", ", False, False, True)
    return "".join(encoder(obj, 0))


def _skip(s, i):
    n = len(s)
    while i < n and s[i] in _WHITESPACE:
        i += 1
    return i


def loads(s):
    if isinstance(s, (bytes, bytearray)):
        s = s.decode("utf-8")
    i = _skip(s, 0)
    try:
        obj, end = _scan(s, i)
    except StopIteration as e:
        from json import JSONDecodeError
        raise JSONDecodeError("Expecting value", s, e.value) from None
    end = _skip(s, end)
    if end != len(s):
        from json import JSONDecodeError
        raise JSONDecodeError("Extra data", s, end)
    return obj
