"""``Report``: what :func:`mutinfo.reporting` returns, and its renderings."""

from __future__ import annotations

import base64
import html
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from mutinfo.matrix import MIMatrix

__all__ = ["Report"]

#: Section ids and titles, in page order (the HTML has one <section> each).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("columns", "Columns and their kinds"),
    ("entropy", "Entropy of each column"),
    ("matrix", "Mutual information of every pair"),
    ("pairs", "Strongest pairs"),
    ("target", "Features against the target"),
    ("warnings", "Warnings"),
    ("timings", "Time of each part"),
    ("reproduce", "Reproduce this report"),
)

#: q-value (or p-value without FDR) under which a heatmap cell gets a star.
STAR_LEVEL = 0.05

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;
max-width:72em;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#555;font-size:.9em}img{max-width:100%;height:auto}
code{background:#f6f6f6;padding:0 .2em}nav a{margin-right:1em}
"""


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Any, digits: int = 3) -> str:
    if value is None:
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(v):
        return ""
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v != 0 and abs(v) < 10 ** (-digits):
        return f"{v:.{digits - 1}e}"
    return f"{v:.{digits}f}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    if frame is None:
        return []
    return [
        {str(k): _jsonable(v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _md(value: Any) -> str:
    """Return a Markdown table cell: pipes, HTML and newlines neutralised."""
    text = html.escape(str(value), quote=False)
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "\\`")


@dataclass(frozen=True)
class Report:
    """The dependence structure of a table: what :func:`mutinfo.reporting` returns.

    Attributes
    ----------
    columns : pandas.DataFrame
        One row per used column: ``column``, ``kind`` (``labels``,
        ``continuous``, ``integer measurement``, ``atoms/ties``), ``reason``,
        ``override`` (how to read it the other way), ``missing`` (count),
        ``entropy`` (nats) and ``entropy_method``.
    skipped : pandas.DataFrame
        ``column`` and ``reason`` of each column left out.
    matrix : MIMatrix
        The all-pairs MI matrix of the used columns (nats), with p- and
        q-values when computed.
    pairs : pandas.DataFrame
        The strongest pairs (``matrix.to_long()`` rows, strongest first) with
        ``ci_estimate``, ``ci_low``, ``ci_high``, ``ci_scheme`` and
        ``ci_centre``. An interval runs on the matrix's rows and is placed
        around the pair's ``mi`` (``ci_centre == "matrix"``; ``ci_estimate``
        is then ``mi``), or, where it cannot be moved there, around its own
        estimate (``"own"``; the page names those pairs).
    n_pairs : int
        The number of pairs in the matrix (``pairs`` lists at most
        ``max_pairs``).
    ranking : pandas.DataFrame or None
        :func:`mutinfo.rank_features` of the other columns against the target.
    selections : Mapping of str to Selection
        Greedy selections by criterion (``"mrmr"``, ``"jmi"``).
    warnings : Mapping of str to list of dict
        Warnings raised while building the report, by column (``"table"`` when
        a warning names no column): ``section``, ``category``, ``message``.
    timings : Mapping of str to float
        Seconds spent in each part.
    params : Mapping
        The options of the call, with the seeds drawn from ``rng``.
    versions : Mapping of str to str
        Versions of mutinfo, Python and the numerical libraries.
    n_rows : int
        Rows of the input table.
    created : str
        Local time the report was started.

    Examples
    --------
    >>> import mutinfo as mt
    >>> wine = mt.datasets.load_wine().iloc[:, :4]
    >>> r = mt.report(wine, pvalues=False, max_intervals=0, rng=0)
    >>> r.n_pairs, len(r.pairs), r.matrix.unit
    (6, 6, 'nats')
    >>> sorted(r.to_dict())[:3]
    ['columns', 'created', 'matrix']
    """

    columns: pd.DataFrame
    skipped: pd.DataFrame
    matrix: MIMatrix
    pairs: pd.DataFrame
    n_pairs: int
    ranking: pd.DataFrame | None
    selections: Mapping[str, Any]
    warnings: Mapping[str, list[dict[str, str]]]
    timings: Mapping[str, float]
    params: Mapping[str, Any]
    versions: Mapping[str, str]
    n_rows: int
    created: str = field(default="")

    # ------------------------------------------------------------------ dict
    def to_dict(self, *, timestamp: bool = True) -> dict[str, Any]:
        """Return the report as JSON-ready data (NaN as None, infinities as text).

        Parameters
        ----------
        timestamp : bool, default=True
            Include ``created`` and ``timings``; False leaves them out, so the
            same data and ``rng`` give the same dictionary.

        Returns
        -------
        dict
        """
        m = self.matrix
        out: dict[str, Any] = {
            "n_rows": self.n_rows,
            "n_samples": m.n_samples,
            "unit": m.unit,
            "columns": _records(self.columns),
            "skipped": _records(self.skipped),
            "matrix": {
                "columns": [str(c) for c in m.columns],
                "mi": _jsonable(m.mi.to_numpy()),
                "methods": _jsonable(m.methods.to_numpy(dtype=object)),
                "p_values": None
                if m.p_values is None
                else _jsonable(m.p_values.to_numpy()),
                "q_values": None
                if m.q_values is None
                else _jsonable(m.q_values.to_numpy()),
            },
            "n_pairs": self.n_pairs,
            "pairs": _records(self.pairs),
            "ranking": None if self.ranking is None else _records(self.ranking),
            "selections": {
                name: {
                    "features": [str(f) for f in sel.features],
                    "scores": _jsonable(list(sel.scores)),
                    "relevance": _jsonable(list(sel.relevance)),
                    "unit": sel.unit,
                    "stopped_by": sel.stopped_by,
                }
                for name, sel in self.selections.items()
            },
            "warnings": _jsonable(dict(self.warnings)),
            "params": _jsonable(dict(self.params)),
            "versions": dict(self.versions),
        }
        if timestamp:
            out["created"] = self.created
            out["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return out

    # -------------------------------------------------------------- markdown
    def to_markdown(self, *, timestamp: bool = True) -> str:
        """Return the report as Markdown text (no figures; tables and notes).

        Parameters
        ----------
        timestamp : bool, default=True
            Include the creation time and the timings.

        Returns
        -------
        str
        """
        lines = ["# mutinfo report", ""]
        lines += [self._summary(), ""]
        for key, title in SECTIONS:
            body = self._section_md(key, timestamp)
            if body is None:
                continue
            lines += [f"## {title}", "", *body, ""]
        if timestamp and self.created:
            lines += [f"Created {self.created}.", ""]
        return "\n".join(lines)

    def _summary(self) -> str:
        m = self.matrix
        used = len(self.columns)
        text = (
            f"{self.n_rows} rows, {used} columns used"
            + (f" ({len(self.skipped)} skipped)" if len(self.skipped) else "")
            + f", {m.n_samples} rows without missing values in the matrix; "
            f"values in {m.unit}."
        )
        if self.params.get("target") is not None:
            text += f" Target: {self.params['target']}."
        return text

    def _pairs_note(self) -> str:
        shown = len(self.pairs)
        text = f"The {shown} strongest of {self.n_pairs} pairs"
        if shown < self.n_pairs:
            text += f" (the other {self.n_pairs - shown} are in the matrix)"
        n_ci = int(np.isfinite(self.pairs["ci_low"].to_numpy(dtype=float)).sum())
        text += (
            f"; {n_ci} with a {self._level()} confidence interval "
            f"({self.params.get('n_resamples')} resamples)"
        )
        centres = self.pairs.get("ci_centre")
        own = [] if centres is None else list(self.pairs.index[centres == "own"])
        if n_ci:
            text += (
                ", on the matrix's rows and placed around the MI shown"
                if not own
                else ", on the matrix's rows; placed around the MI shown except "
                "for "
                + ", ".join(
                    f"{r['x']!s} x {r['y']!s} (around its own estimate "
                    f"{_num(r['ci_estimate'])})"
                    for r in self.pairs.loc[own].to_dict(orient="records")
                )
            )
        text += "."
        if self.params.get("pvalues"):
            n_perm = int(self.params.get("n_permutations", 0))
            stop = self.params.get("stop_after")
            tested = self.params.get("tested_rows")
            ranked = self.ranking is not None
            what = "the matrix and the ranking" if ranked else "the matrix"
            item = "pair or feature" if ranked else "pair"
            if tested is not None:
                text += (
                    f" P-values and q-values of {what} on a random subsample of "
                    f"{tested} of the {self.matrix.n_samples} rows (a valid test on "
                    "those rows, with less power than on all rows); the MI values "
                    "use every row."
                )
            if stop is None:
                text += f" P-values: {n_perm} permutations per {item}."
            else:
                text += (
                    f" P-values: sequential permutation test (Besag and Clifford "
                    f"1991), up to {n_perm} permutations per {item}, stopped at the "
                    f"{stop}th null value reaching the estimate (p = {stop} / "
                    "draws); exact, and equal to the full test's up to "
                    f"{stop / (n_perm + 1):.2g}."
                )
        return text

    @staticmethod
    def _level() -> str:
        return "95%"

    def _md_table(self, header: list[str], rows: list[list[Any]]) -> list[str]:
        out = ["| " + " | ".join(_md(h) for h in header) + " |"]
        out.append("|" + "---|" * len(header))
        out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
        return out

    def _section_md(self, key: str, timestamp: bool) -> list[str] | None:
        if key == "columns":
            rows = [
                [r["column"], r["kind"], r["reason"], r["missing"], r["override"]]
                for r in self.columns.to_dict(orient="records")
            ]
            body = self._md_table(
                ["column", "kind", "why", "missing", "override"], rows
            )
            for s in self.skipped.to_dict(orient="records"):
                body.append(f"- skipped {_md(s['column'])}: {_md(s['reason'])}")
            return body
        if key == "entropy":
            rows = [
                [r["column"], _num(r["entropy"]), r["entropy_method"]]
                for r in self.columns.to_dict(orient="records")
            ]
            return self._md_table(
                ["column", f"entropy ({self.matrix.unit})", "method"], rows
            )
        if key == "matrix":
            return [
                f"{self.n_pairs} pairs; methods used: "
                + ", ".join(self.matrix.methods_used)
                + ". The full matrix is in the HTML and JSON reports."
            ]
        if key == "pairs":
            return [self._pairs_note(), "", *self._md_table(*self._pair_table())]
        if key == "target":
            if self.ranking is None:
                return None
            ranking = self._md_table(*self._ranking_table())
            return [*ranking, "", *self._md_table(*self._selection_table())]
        if key == "warnings":
            if not self.warnings:
                return ["None."]
            return [
                f"- {_md(col)}: {_md(w['category'])}: {_md(w['message'])}"
                for col, items in self.warnings.items()
                for w in items
            ]
        if key == "timings":
            if not timestamp:
                return None
            return [f"- {k}: {v:.2f} s" for k, v in self.timings.items()]
        return [f"- {_md(k)}: {_md(v)}" for k, v in self._repro_items()]

    # ------------------------------------------------------------ tables
    def _pair_table(self) -> tuple[list[str], list[list[Any]]]:
        header = ["x", "y", f"MI ({self.matrix.unit})", "method"]
        has_p = "p_value" in self.pairs
        has_q = "q_value" in self.pairs
        header += ["p-value"] * has_p + ["q-value"] * has_q
        header += [f"interval ({self.matrix.unit})", "scheme"]
        rows = []
        for r in self.pairs.to_dict(orient="records"):
            row = [r["x"], r["y"], _num(r["mi"]), r["method"]]
            if has_p:
                row.append(_num(r["p_value"], 4))
            if has_q:
                row.append(_num(r["q_value"], 4))
            interval = (
                f"[{_num(r['ci_low'])}, {_num(r['ci_high'])}]"
                if np.isfinite(r["ci_low"])
                else ""
            )
            row += [interval, r["ci_scheme"]]
            rows.append(row)
        return header, rows

    def _ranking_table(self) -> tuple[list[str], list[list[Any]]]:
        assert self.ranking is not None  # only called with a target
        frame = self.ranking
        cols = [c for c in frame.columns if c != "rank"]
        rows = [
            [
                _num(v, 4) if isinstance(v, float | np.floating) else v
                for v in (r[c] for c in cols)
            ]
            for r in frame.to_dict(orient="records")
        ]
        # The headers of the pairs table: "mi" had no unit.
        names = {
            "mi": f"MI ({self.matrix.unit})",
            "p_value": "p-value",
            "q_value": "q-value",
        }
        return [names.get(c, c) for c in cols], rows

    def _selection_table(self) -> tuple[list[str], list[list[Any]]]:
        names = list(self.selections)
        depth = max((len(s.features) for s in self.selections.values()), default=0)
        rows = []
        for i in range(depth):
            row: list[Any] = [i + 1]
            for name in names:
                sel = self.selections[name]
                row.append(
                    f"{sel.features[i]} ({_num(sel.scores[i])})"
                    if i < len(sel.features)
                    else ""
                )
            rows.append(row)
        header = [f"{n} (score, {self.selections[n].unit})" for n in names]
        return ["step", *header], rows

    def _repro_items(self) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = [
            (k, v) for k, v in self.params.items() if k != "seeds"
        ]
        items.append(("seeds", json.dumps(dict(self.params.get("seeds", {})))))
        items += [(f"{k} version", v) for k, v in self.versions.items()]
        return items

    # ------------------------------------------------------------------ html
    def _heatmap_figure(self) -> tuple[str, str]:
        """Return the clustered heatmap as an SVG data URI, and its caption."""
        from mutinfo.plot import cluster_order
        from mutinfo.reporting._svg import heatmap_svg

        m = self.matrix
        values = m.mi.to_numpy(dtype=np.float64)
        p = values.shape[0]
        limit = int(self.params.get("max_heatmap", 40))
        caption = (
            "Columns ordered by clustering (strongly dependent columns sit together)."
        )
        keep = np.arange(p)
        if p > limit:
            strength = np.nanmax(np.where(np.isfinite(values), values, -np.inf), axis=1)
            keep = np.sort(np.argsort(-strength, kind="stable")[:limit])
            caption += (
                f" The {limit} of {p} columns with the strongest dependence are "
                "drawn; every pair is in the JSON report."
            )
        sub = values[np.ix_(keep, keep)]
        order = keep[cluster_order(sub)]
        stars_frame = m.q_values if m.q_values is not None else m.p_values
        word = "q" if m.q_values is not None else "p"
        stars = q_values = None
        if stars_frame is not None:
            q_values = stars_frame.to_numpy(dtype=np.float64)[np.ix_(order, order)]
            stars = q_values < STAR_LEVEL
            caption += f" A red star marks a pair with {word} < {STAR_LEVEL}."
        caption += " Hover over a cell for its pair and value."
        svg = heatmap_svg(
            values[np.ix_(order, order)],
            [str(m.mi.index[i]) for i in order],
            stars=stars,
            q_values=q_values,
            q_name=word,
            unit=str(m.unit),
        )
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{data}", caption

    def _html_table(
        self, header: list[str], rows: list[list[Any]], numeric: set[int] | None = None
    ) -> str:
        numeric = numeric or set()
        out = ["<table>", "<thead><tr>"]
        out += [f"<th>{_esc(h)}</th>" for h in header]
        out.append("</tr></thead><tbody>")
        for row in rows:
            cells = [
                f'<td class="num">{_esc(c)}</td>'
                if j in numeric
                else f"<td>{_esc(c)}</td>"
                for j, c in enumerate(row)
            ]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    def _section_html(self, key: str, timestamp: bool) -> str | None:
        if key == "columns":
            rows = [
                [r["column"], r["kind"], r["reason"], r["missing"], r["override"]]
                for r in self.columns.to_dict(orient="records")
            ]
            body = self._html_table(
                [
                    "column",
                    "kind",
                    "why",
                    "missing",
                    "override (report(..., discrete=...))",
                ],
                rows,
                {3},
            )
            body += (
                '\n<p class="note">mutinfo reads text, booleans and categories as '
                "labels, floats as numbers unless they hold at most 9 distinct "
                "whole numbers that repeat (labels stored as floats), and integers "
                "as labels unless they have more than 100 distinct values spread "
                "like a measurement. Numbers "
                "whose values repeat heavily get a tie-aware estimator.</p>"
            )
            if len(self.skipped):
                body += "\n<p>Skipped columns:</p>\n" + self._html_table(
                    ["column", "reason"],
                    [
                        [s["column"], s["reason"]]
                        for s in self.skipped.to_dict(orient="records")
                    ],
                )
            return body
        if key == "entropy":
            rows = [
                [r["column"], r["kind"], _num(r["entropy"]), r["entropy_method"]]
                for r in self.columns.to_dict(orient="records")
            ]
            return self._html_table(
                ["column", "kind", f"entropy ({self.matrix.unit})", "method"], rows, {2}
            ) + (
                '\n<p class="note">Continuous columns have differential entropy: it '
                "depends on the column's unit and can be negative.</p>"
            )
        if key == "matrix":
            uri, caption = self._heatmap_figure()
            methods = ", ".join(self.matrix.methods_used)
            return (
                f'<figure><img alt="Heatmap of the pairwise mutual information" '
                f'src="{uri}"/>\n<figcaption>{_esc(caption)} Methods: '
                f"{_esc(methods)}.</figcaption></figure>"
            )
        if key == "pairs":
            header, rows = self._pair_table()
            return (
                f'<p class="note">{_esc(self._pairs_note())}</p>\n'
                + self._html_table(header, rows, set(range(2, len(header) - 1)) - {3})
            )
        if key == "target":
            if self.ranking is None:
                return None
            header, rows = self._ranking_table()
            sel_header, sel_rows = self._selection_table()
            return (
                f"<h3>Ranking by I(feature; {_esc(self.params['target'])})</h3>\n"
                + self._html_table(header, rows)
                + "\n<h3>Greedy selections (mRMR, JMI)</h3>\n"
                + self._html_table(sel_header, sel_rows)
            )
        if key == "warnings":
            if not self.warnings:
                return "<p>No warnings.</p>"
            parts = []
            for col, items in self.warnings.items():
                parts.append(f"<h3>{_esc(col)}</h3>\n<ul>")
                parts += [
                    f"<li><b>{_esc(w['category'])}</b> ({_esc(w['section'])}): "
                    f"{_esc(w['message'])}</li>"
                    for w in items
                ]
                parts.append("</ul>")
            return "\n".join(parts)
        if key == "timings":
            if not timestamp:
                return '<p class="note">Timings left out (timestamp=False).</p>'
            total = sum(self.timings.values())
            rows = [[k, f"{v:.2f}"] for k, v in self.timings.items()]
            rows.append(["total", f"{total:.2f}"])
            return self._html_table(["part", "seconds"], rows, {1})
        return self._html_table(
            ["setting", "value"], [list(item) for item in self._repro_items()]
        )

    def to_html(
        self, path: str | os.PathLike[str] | None = None, *, timestamp: bool = True
    ) -> str:
        """Render the report as one self-contained HTML page.

        The figure is an embedded SVG (a data URI); the page has no script and
        references no external file, font or style, so it works offline and
        without JavaScript. Every name and message from the data is escaped.

        Parameters
        ----------
        path : str or Path, optional
            Also write the page there, atomically (the old file, if any, is
            replaced only once the new one is complete).
        timestamp : bool, default=True
            Include the creation time and the timings; False gives the same
            bytes for the same data and ``rng``.

        Returns
        -------
        str
            The HTML text.
        """
        nav = " ".join(
            f'<a href="#{key}">{_esc(title)}</a>'
            for key, title in SECTIONS
            if not (key == "target" and self.ranking is None)
        )
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8"/>',
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
            f"<title>mutinfo report{self._title_suffix()}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<h1>mutinfo report</h1>",
            f"<p>{_esc(self._summary())}</p>",
            f"<nav>{nav}</nav>",
        ]
        for key, title in SECTIONS:
            body = self._section_html(key, timestamp)
            if body is None:
                continue
            parts += [
                f'<section id="{key}">',
                f"<h2>{_esc(title)}</h2>",
                body,
                "</section>",
            ]
        footer = f"Made by mutinfo {_esc(self.versions.get('mutinfo', ''))}"
        if timestamp and self.created:
            footer += f" on {_esc(self.created)}"
        parts += [
            f'<footer><p class="note">{footer}.</p></footer>',
            "</body>",
            "</html>",
            "",
        ]
        text = "\n".join(parts)
        if path is not None:
            from mutinfo.io import atomic_path, check_output

            target = check_output(path, option="path")
            with atomic_path(target) as tmp:
                tmp.write_text(text, encoding="utf-8")
        return text

    def _title_suffix(self) -> str:
        target = self.params.get("target")
        return "" if target is None else f": {_esc(target)}"

    def __repr__(self) -> str:
        return (
            f"Report({self.n_rows} rows, {len(self.columns)} columns, "
            f"{self.n_pairs} pairs, target={self.params.get('target')!r})"
        )
