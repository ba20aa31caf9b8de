"""`python -m workshop.i18n pseudo`: rewrite the pseudo-locale's catalogue from the template."""

from __future__ import annotations

import sys

from workshop.i18n import pseudo


def main(argv: list[str]) -> int:
    if argv != ["pseudo"]:
        print("usage: python -m workshop.i18n pseudo", file=sys.stderr)
        return 2
    print(f"wrote {pseudo.write()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
