"""The ``newskg`` command line: one subcommand per module in
``newskg/commands``, found at start-up (each has a docstring for --help, ``add_arguments(parser)`` and
``run(args) -> int``), so a command's options live beside its code and
``newskg --help`` stays fast: heavy libraries load only when a command runs.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from newskg import __version__, commands
from newskg.errors import NewskgError

#: Commands in the order ``--help`` lists them; any other module in
#: ``newskg/commands`` follows alphabetically.
FIRST = ("build", "query")


def command_names() -> list[str]:
    found = {m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")}
    return [n for n in FIRST if n in found] + sorted(found - set(FIRST))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newskg",
        description="Turn news articles into a knowledge graph you can open, query with SPARQL and export.",
    )
    parser.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in command_names():
        module = importlib.import_module(f"newskg.commands.{name}")
        doc = (module.__doc__ or "").strip()
        command = sub.add_parser(
            name, help=doc.splitlines()[0] if doc else None, description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.run(args)
    except NewskgError as exc:
        print(f"newskg: error {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("newskg: interrupted; no output file was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
