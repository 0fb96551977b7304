"""Party-format documents: time to render the minutes sample (several A4 pages) as PDF and
DOCX, against the floor of the same renderer on a one-paragraph document, in the same run.

    .venv/bin/python bench/documents_bench.py [--repeat 5]

Prints the medians and ratios and writes bench/results/documents-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
os.environ.setdefault("DANGBO_TESTING", "1")


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    import django

    django.setup()
    from dangbo.documents import render
    from dangbo.documents.spec import Paragraph
    from tests.documents.samples import minutes

    doc = minutes(paragraphs=18)
    floor = replace(doc, body=(Paragraph("x"),))
    render.render_pdf(floor)  # warm: imports, fonts
    pages = len(render.layout(doc).pages)
    out = {
        "pages": pages,
        "pdf_ms": median_ms(lambda: render.render_pdf(doc), args.repeat),
        "pdf_floor_ms": median_ms(lambda: render.render_pdf(floor), args.repeat),
        "docx_ms": median_ms(lambda: render.render_docx(doc), args.repeat),
        "docx_floor_ms": median_ms(lambda: render.render_docx(floor), args.repeat),
    }
    print(f"minutes, {pages} A4 pages: PDF {out['pdf_ms']} ms "
          f"({out['pdf_ms'] / out['pdf_floor_ms']:.1f}× a one-paragraph page, "
          f"{out['pdf_floor_ms']} ms); DOCX {out['docx_ms']} ms "
          f"({out['docx_ms'] / out['docx_floor_ms']:.1f}× the floor, "
          f"{out['docx_floor_ms']} ms)")  # fmt: skip
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    path = results / f"documents-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(out, indent=2))
    print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
