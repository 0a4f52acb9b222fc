"""Rebuild src/mutinfo/datasets/data/kjv.tsv.xz from Debian's bible-kjv packages.

Dev-time only (needs apt-get and dpkg, nothing is installed system-wide)::

    cd /tmp/kjv && apt-get download bible-kjv bible-kjv-text
    for d in *.deb; do dpkg -x "$d" /tmp/kjvx; done
    cd /tmp/kjvx/usr/lib && ../bin/bible -f -p . "gen1:1-rev22:21" > /tmp/kjv_all.txt
    python tests/reference/scripts/kjv_corpus.py /tmp/kjv_all.txt

Each input line is ``<Book><chapter>:<verse> <text>`` (e.g. ``Ge1:1 In the ...``).
"""

from __future__ import annotations

import lzma
import re
import sys
from pathlib import Path

OUT = Path(__file__).parents[3] / "src/mutinfo/datasets/data/kjv.tsv.xz"


def main(dump: str) -> None:
    """Write the xz-compressed TSV (book, chapter, verse, text)."""
    lines = ["book\tchapter\tverse\ttext"]
    for line in Path(dump).read_text(encoding="ascii").splitlines():
        m = re.match(r"^([1-3]?[A-Za-z]+)(\d+):(\d+) (.*)$", line)
        if m is None:
            raise ValueError(f"unexpected line: {line!r}")
        lines.append("\t".join(m.groups()))
    if len(lines) != 31103:
        raise ValueError(f"expected 31,102 verses, found {len(lines) - 1}")
    data = ("\n".join(lines) + "\n").encode("ascii")
    OUT.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))


if __name__ == "__main__":
    main(sys.argv[1])
