"""A table continued on the next page becomes one table: same columns, header repeated or '(continued)'."""

from __future__ import annotations

from dataclasses import replace

from evidex.models import Cell, Table


def _norm(values: list[str]) -> list[str]:
    return [" ".join(v.lower().split()) for v in values]


def continues(prev: Table, nxt: Table, continued_caption: bool) -> bool:
    """``nxt`` (first table on the next page) carries on ``prev`` (last table on its page)."""
    if prev.page is None or nxt.page != prev.page + 1 or prev.n_cols != nxt.n_cols:
        return False
    if nxt.label and nxt.label != prev.label:
        return False
    same_header = bool(prev.n_rows and nxt.n_rows) and _norm(prev.grid()[0]) == _norm(nxt.grid()[0])
    # an unlabelled table at the top of the next page with the same columns is the usual unmarked continuation
    return continued_caption or same_header or (nxt.label is None and nxt.caption is None)


def merge(prev: Table, nxt: Table) -> Table:
    """``prev`` with ``nxt``'s rows appended (a repeated header row dropped); cells keep their own page."""
    skip = 1 if _norm(prev.grid()[0]) == _norm(nxt.grid()[0]) else 0
    base = [c if c.page is not None else replace(c, page=prev.page) for c in prev.cells]
    extra: list[Cell] = [
        replace(c, row=c.row - skip + prev.n_rows, page=c.page if c.page is not None else nxt.page)
        for c in nxt.cells
        if c.row >= skip
    ]
    qualities = [q for q in (prev.quality, nxt.quality) if q is not None]
    return replace(
        prev,
        cells=tuple(base + extra),
        n_rows=prev.n_rows + nxt.n_rows - skip,
        quality=min(qualities) if qualities else None,
        method=prev.method if prev.method.endswith("+stitched") else prev.method + "+stitched",
        footnotes=prev.footnotes + nxt.footnotes,
        from_ocr=prev.from_ocr or nxt.from_ocr,
    )


def stitch(tables: list[Table], continued_ids: set[str]) -> list[Table]:
    """Merge each table into the one before it when it continues it across a page break."""
    order = sorted(tables, key=lambda t: (t.page or 0, t.bbox.top if t.bbox else 0.0))
    out: list[Table] = []
    for t in order:
        prev = out[-1] if out else None
        last_on_page = prev is not None and prev.page is not None and _last_page(prev) == (t.page or 0) - 1
        first_on_page = not out or all(o.page != t.page for o in out)
        if prev and last_on_page and first_on_page and continues(_tail(prev), t, t.table_id in continued_ids):
            out[-1] = merge(prev, t)
        else:
            out.append(t)
    return out


def _last_page(t: Table) -> int:
    pages = [c.page for c in t.cells if c.page is not None]
    return max(pages) if pages else (t.page or 0)


def _tail(t: Table) -> Table:
    """A stitched table seen from its last page, so a third page can join too."""
    return replace(t, page=_last_page(t))
