"""Asking models: one client, several providers. Imports nothing from briefing/ or flow/.

    client.py     ask one question, validate with a callable it is given, count attempts and tokens
    providers.py  embedded, OpenAI-compatible, replay, Batch API capture and results; `connect`
    transport.py  the event loop, transport retries and the shared rate-limit gate, lenient JSON
    recording.py  request keys, fixtures recorded and replayed, the response cache
    embedded.py   where the embedded GGUF is and how every GGUF is loaded

Nothing is imported here: `python -m summariser.llm.embedded` and batch reruns stay light.
"""
