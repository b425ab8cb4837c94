"""Content-Encoding decoded within a bound: a body's layers (gzip, deflate) undone chunk by chunk, never holding
more than the article limit of any layer's output, so a small bomb ("gzip, gzip": 1.7 KB that unpacks to
gigabytes) is refused after a few megabytes instead of filling memory."""

from __future__ import annotations

import zlib

# The encodings we ask for (Accept-Encoding) and can undo within a bound; any other is refused.
ACCEPTED = "gzip, deflate"


class Unbounded(Exception):
    """A layer's output went over the limit."""


class Undecodable(Exception):
    """The body is not valid in its encoding, or uses one we do not undo."""


class Decoder:
    """Takes a raw body chunk by chunk and gives its decoded bytes; `end` gives the rest. Raises Unbounded past
    `limit` bytes of any layer's output, Undecodable for a broken body or an encoding other than gzip and deflate."""

    def __init__(self, header: str, limit: int) -> None:
        names = [n.strip().lower() for n in header.split(",") if n.strip() and n.strip().lower() != "identity"]
        self.layers = [_Layer(name, limit) for name in reversed(names)]  # the last applied is undone first

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes that `chunk` adds."""
        for layer in self.layers:
            chunk = layer.feed(chunk)
        return chunk

    def end(self) -> bytes:
        """What the layers still hold once the body is done."""
        out = b""
        for layer in self.layers:
            out = layer.feed(out) + layer.end()
        return out


class _Layer:
    """One zlib stream (gzip, or deflate with or without its zlib header), decoded in bounded steps."""

    def __init__(self, name: str, limit: int) -> None:
        if name in ("gzip", "x-gzip"):
            bits = 16 + zlib.MAX_WBITS
        elif name == "deflate":
            bits = zlib.MAX_WBITS  # the zlib wrapper the standard asks for; raw deflate is tried on failure
        else:
            raise Undecodable(f"the {name} content encoding is not supported")
        self.name, self.limit, self.out = name, limit, 0
        self.stream = zlib.decompressobj(bits)
        self.started = False

    def feed(self, data: bytes) -> bytes:
        """Decode what `data` adds, refusing output past the limit."""
        if not data:
            return b""
        try:
            out = self.stream.decompress(data, self.limit - self.out + 1)
        except zlib.error:
            if self.name != "deflate" or self.started:
                raise Undecodable(f"the body is not valid {self.name}") from None
            self.stream = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
            out = self.stream.decompress(data, self.limit - self.out + 1)
        self.started = True
        return self._counted(out)

    def end(self) -> bytes:
        """What the stream still holds (little: `feed` stops only at the limit, having consumed its input)."""
        try:
            return self._counted(self.stream.flush())
        except zlib.error:
            raise Undecodable(f"the body is not valid {self.name}") from None

    def _counted(self, out: bytes) -> bytes:
        self.out += len(out)
        if self.out > self.limit:
            raise Unbounded("it decompresses to more than the limit")
        return out
