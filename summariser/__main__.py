"""`python -m summariser`."""

from .cli import run

if __name__ == "__main__":  # not when a worker process (spawn) imports this module
    run()
