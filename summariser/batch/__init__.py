"""`summarise batch`: many articles, concurrent, resumable, with an index.

    state.py         output names, fingerprints (article, model, the flow's prompt version, the JSON Schema),
                     the append-only record of finished articles in OUTDIR
    scheduler.py     the async + multiprocess scheduler that briefs what is not finished
    openai_batch.py  the OpenAI Batch API's input file (its output is read by llm.providers.BatchResults)

A rerun skips articles already briefed with the same fingerprint; the index is rendered by `render`.
"""
