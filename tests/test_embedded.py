"""How the GGUF is loaded: one place decides llama.cpp's model parameters, for every loader.

The AMX crash itself cannot be shown on a CPU without AMX, so these tests check what
decides the load: the parameters the loaded model really got, in-process and in the
server's loader, against llama-cpp-python's own default.
"""

from __future__ import annotations

import struct
import types
from contextlib import closing
from pathlib import Path

import pytest
from llama_cpp import Llama

from summariser.errors import BackendError
from summariser.llm import embedded


def test_our_loader_turns_extra_buffer_types_off_where_the_default_leaves_them_on() -> None:
    with closing(embedded.load(embedded.model_path(), 256, vocab_only=True)) as ours:
        assert ours.model_params.use_extra_bufts is False
    with closing(Llama(model_path=str(embedded.model_path()), n_ctx=256, vocab_only=True, verbose=False)) as plain:
        assert plain.model_params.use_extra_bufts is True  # what a plain load does: repack, and crash on AMX


def test_the_servers_loader_gets_the_same_parameters() -> None:
    from llama_cpp.server.model import LlamaProxy
    from llama_cpp.server.settings import ModelSettings

    settings = ModelSettings(model=str(embedded.model_path()), vocab_only=True, n_ctx=256, verbose=False)
    with embedded.model_params(), closing(LlamaProxy.load_llama_from_model_settings(settings)) as served:
        assert served.model_params.use_extra_bufts is False
    # Outside the context, llama-cpp-python's defaults are back.
    with closing(LlamaProxy.load_llama_from_model_settings(settings)) as plain:
        assert plain.model_params.use_extra_bufts is True


def test_the_in_process_backend_uses_the_loader() -> None:
    try:
        assert embedded.llama(embedded.model_path(), 512).model_params.use_extra_bufts is False
    finally:  # freed now: llama.cpp's bindings may be gone when the interpreter's teardown gets to it
        embedded.llama(embedded.model_path(), 512).close()
        embedded._llama.cache_clear()


def test_a_model_warmed_in_a_thread_is_loaded_once_and_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    real = embedded.load

    def counted(*args: object, **kwargs: object) -> object:
        loads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(embedded, "load", counted)
    embedded.warm(embedded.model_path(), 512)
    try:
        first = embedded.llama(embedded.model_path(), 512)  # waits for the thread's load rather than loading again
        assert embedded.llama(embedded.model_path(), 512) is first
        assert len(loads) == 1
    finally:
        embedded.llama(embedded.model_path(), 512).close()
        embedded._llama.cache_clear()


def test_warming_a_file_that_is_no_model_is_silent_and_the_load_reports_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + bytes(60))
    embedded.warm(bad, 256)  # the thread's failure is not raised or printed: the caller's own load reports it
    with pytest.raises(BackendError, match=r"cannot load the model bad\.gguf"):
        embedded.llama(bad, 256)


def test_a_build_that_cannot_turn_repacking_off_is_refused_on_an_amx_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    old = types.SimpleNamespace(llama_model_params=types.SimpleNamespace(_fields_=[("n_gpu_layers", int)]))
    monkeypatch.setattr(embedded, "_bindings", lambda: old)
    monkeypatch.setattr(embedded, "cpu_has_amx", lambda: True)
    with pytest.raises(BackendError, match=r"crashes on CPUs with AMX.*--base-url"), embedded.model_params():
        pass
    monkeypatch.setattr(embedded, "cpu_has_amx", lambda: False)
    with embedded.model_params():  # without AMX nothing is repacked: the old build is fine
        pass


def test_a_file_that_is_not_a_model_is_one_line_naming_the_way_out(tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(BackendError, match=r"cannot load the model broken\.gguf .*--base-url"):
        embedded.load(bad, 256)


def test_cpu_flags_are_read_from_the_cpu() -> None:
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").is_file() else ""
    assert embedded.cpu_has_amx() == (" amx_tile" in flags)


def test_a_gguf_reports_its_context_and_size_from_its_metadata(tmp_path: Path) -> None:
    path = embedded.model_path()
    assert embedded.context_tokens(path) == 8192
    assert embedded.parameters(path) == 135e6  # from general.size_label "135M"
    assert "tokenizer.chat_template" in embedded.metadata(path)  # the file's own chat template is used


def test_a_missing_model_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(BackendError, match=r"no model file .*missing\.gguf; give --model the path of a \.gguf"):
        embedded.metadata(tmp_path / "missing.gguf")


def _gguf(pairs: list[tuple[str, int, bytes]]) -> bytes:
    """A GGUF v3 header with these (key, value type, packed value) pairs and no tensors."""
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(pairs))
    for key, kind, value in pairs:
        out += struct.pack("<Q", len(key)) + key.encode() + struct.pack("<I", kind) + value
    return out


def test_gguf_metadata_is_read_from_the_header_arrays_skipped(tmp_path: Path) -> None:
    text = b"llama"
    words = struct.pack("<IQ", 8, 2) + b"".join(struct.pack("<Q", len(w)) + w for w in (b"a", b"bc"))
    path = tmp_path / "tiny.gguf"
    path.write_bytes(_gguf([
        ("general.architecture", 8, struct.pack("<Q", len(text)) + text),
        ("tokenizer.ggml.tokens", 9, words),  # an array of strings, skipped
        ("tokenizer.ggml.scores", 9, struct.pack("<IQ", 6, 3) + struct.pack("<3f", 0, 1, 2)),  # fixed-size, skipped
        ("llama.context_length", 4, struct.pack("<I", 2048)),
        ("general.size_label", 8, struct.pack("<Q", 4) + b"1.5B"),
        ("llama.rope.freq_base", 6, struct.pack("<f", 10000.0)),
        ("tokenizer.ggml.add_bos_token", 7, struct.pack("<?", True)),
    ]))
    assert embedded.context_tokens(path) == 2048
    assert embedded.parameters(path) == 1.5e9
    meta = embedded.metadata(path)
    assert "tokenizer.ggml.tokens" not in meta
    assert meta["llama.rope.freq_base"] == "10000.000000" and meta["tokenizer.ggml.add_bos_token"] == "true"
    # The shipped model's header reads the same keys llama.cpp's own load reports.
    shipped = embedded.metadata(embedded.model_path())
    assert shipped["general.architecture"] == "llama" and shipped["llama.context_length"] == "8192"


@pytest.mark.parametrize("data", [b"", b"junk" * 8, b"GGUF" + struct.pack("<I", 9) + b"\0" * 16,
                                  _gguf([("general.name", 8, struct.pack("<Q", 999) + b"cut")])])
def test_a_damaged_gguf_header_is_one_line_naming_the_way_out(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "damaged.gguf"
    path.write_bytes(data)
    with pytest.raises(BackendError, match=r"^cannot load the model damaged\.gguf \(.+\); or use a model server"):
        embedded.metadata(path)
