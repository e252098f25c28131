"""Small-number suppression for every table of counts about people (DESIGN.md, "Legal basis
and privacy"): a count from 1 to 9 is shown as "< 10", and no suppressed cell can be computed
back from the totals printed beside it.

The published totals make each row and each column an equation: its cells add up to its
total. A reader who knows every value of an equation but one computes that one by
subtraction, and a chain of such equations (row, then column, then row ...) does the same
over several steps. Seen as a graph (a node per row and per column, an edge per suppressed
cell, every row or column whose total is not printed merged into one free node), a
suppressed cell is computable exactly when its edge is a bridge: on no cycle. So after the
primary suppression (1..9) we add secondary suppressions, cheapest first, until every
suppressed cell lies on a cycle; then every equation that holds a suppressed cell holds at
least two, and so does every combination of equations.

Secondary cells are shown as "×", not as "< 10": they may hold any number (a large one, or
0), which is what makes them a partner the reader cannot subtract.

What this guarantees is that no hidden cell can be computed exactly by adding and
subtracting printed numbers (tests/regie/test_suppression.py attacks every table with exact
linear algebra). A reader who also uses that a "×" is 0 or at least 10 can narrow a range;
that is why a 0 is chosen as a partner only when nothing else is left, and why in the rare
case of a partner of exactly 10 beside a 1 the range can still close (11 = 1 + 10).
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product

from django.utils.translation import gettext_lazy as _

THRESHOLD = 10
# How a cell reads: a number, or one of these.
SMALL = "< 10"
HIDDEN = "×"
HIDDEN_LABEL = _("hidden, so that a small number cannot be computed from the totals")

# What a zero costs as a partner: almost never chosen. A reader knows a hidden "×" is not
# 1..9 (that would read "< 10"), so a hidden 0 beside a "< 10" whose sum is below 10 must be
# 0, and the small one follows. A partner of 10 or more leaves the small one open.
_ZERO_COST = 1_000_000


@dataclass
class Cell:
    value: int
    primary: bool = False  # 1..9: shown as "< 10"
    secondary: bool = False  # hidden so that a primary one cannot be computed

    @property
    def suppressed(self) -> bool:
        return self.primary or self.secondary

    @property
    def display(self) -> str:
        if self.primary:
            return SMALL
        if self.secondary:
            return HIDDEN
        return str(self.value)

    @property
    def shown(self) -> int | None:
        """The number a reader sees, or None when it is hidden."""
        return None if self.suppressed else self.value

    @property
    def title(self):
        return HIDDEN_LABEL if self.secondary else ""

    def __str__(self):
        return self.display


@dataclass
class Table:
    """Cells in rows and columns, with the totals printed beside them (when given). Row i's
    total is `row_totals[i]`, column j's `col_totals[j]`, both's `grand_total`."""

    rows: list[list[Cell]]
    row_totals: list[Cell] | None = None
    col_totals: list[Cell] | None = None
    grand_total: Cell | None = None
    threshold: int = THRESHOLD
    extra: dict = field(default_factory=dict)

    @property
    def any_suppressed(self) -> bool:
        return any(c.suppressed for c in self.all_cells())

    def all_cells(self) -> list[Cell]:
        cells = [c for row in self.rows for c in row]
        cells += self.row_totals or []
        cells += self.col_totals or []
        if self.grand_total is not None:
            cells.append(self.grand_total)
        return cells


def _is_primary(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def suppress(
    body: Sequence[Sequence[int]], *, row_totals: Sequence[int] | bool = True,
    col_totals: Sequence[int] | bool = True, grand_total: int | bool | None = None,
    threshold: int = THRESHOLD,
) -> Table:
    """Suppress `body` (rows × columns of counts) and its totals.

    A total given as True is the sum of its cells; a list gives them (for a breakdown whose
    cells need not add up, such as people by language, protected as if they did: for a
    person with one language they do). False prints no totals of that direction.
    `grand_total` defaults to True when both directions have totals."""
    n_rows = len(body)
    n_cols = len(body[0]) if body else 0
    if row_totals is True:
        row_totals = [sum(r) for r in body]
    if col_totals is True:
        col_totals = [sum(body[i][j] for i in range(n_rows)) for j in range(n_cols)]
    if grand_total is None:
        grand_total = bool(row_totals) and bool(col_totals)
    if grand_total is True:
        grand_total = sum(col_totals) if col_totals else sum(row_totals or [])
    # The full grid: body, a totals column (index n_cols) and a totals row (index n_rows).
    grid: dict[tuple[int, int], Cell] = {}
    for i, j in product(range(n_rows), range(n_cols)):
        grid[i, j] = Cell(int(body[i][j]))
    if row_totals:
        for i in range(n_rows):
            grid[i, n_cols] = Cell(int(row_totals[i]))
    if col_totals:
        for j in range(n_cols):
            grid[n_rows, j] = Cell(int(col_totals[j]))
    if grand_total is not False and row_totals and col_totals:
        grid[n_rows, n_cols] = Cell(int(grand_total))
    for cell in grid.values():
        cell.primary = _is_primary(cell.value, threshold)
    _protect(grid, n_rows, n_cols, bool(row_totals), bool(col_totals))
    return Table(
        rows=[[grid[i, j] for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[grid[i, n_cols] for i in range(n_rows)] if row_totals else None,
        col_totals=[grid[n_rows, j] for j in range(n_cols)] if col_totals else None,
        grand_total=grid.get((n_rows, n_cols)),
        threshold=threshold,
    )


def suppress_column(values: Sequence[int], *, total: int | None = None,
                    threshold: int = THRESHOLD) -> tuple[list[Cell], Cell]:
    """One breakdown (e.g. per wijk) and its total: the cells and the total cell."""
    if not values:
        total = total or 0
        return [], Cell(total, primary=_is_primary(total, threshold))
    table = suppress([[v] for v in values], row_totals=False,
                     col_totals=[sum(values) if total is None else total], threshold=threshold)
    return [row[0] for row in table.rows], table.col_totals[0]


# --- the graph ------------------------------------------------------------------------------

FREE = ("free",)


def _nodes(i: int, j: int, *, n_rows: int, n_cols: int, has_row_totals: bool,
           has_col_totals: bool) -> tuple[tuple, tuple]:
    """The two equations cell (i, j) of the full grid takes part in, or FREE where that
    equation is not published (its total is not printed)."""
    if i < n_rows:
        row = ("r", i) if has_row_totals else FREE
    else:  # the totals row: its own total is the grand total
        row = ("r", i) if has_row_totals and has_col_totals else FREE
    if j < n_cols:
        col = ("c", j) if has_col_totals else FREE
    else:
        col = ("c", j) if has_row_totals and has_col_totals else FREE
    return row, col


def computable(grid: dict[tuple[int, int], Cell], n_rows: int, n_cols: int,
               has_row_totals: bool, has_col_totals: bool) -> list[tuple[int, int]]:
    """The suppressed cells a reader can compute from what is printed: the bridges of the
    graph (Tarjan's low-link, with edge ids so two cells between the same two equations
    count as a cycle)."""
    edges = [(key, *_nodes(*key, n_rows=n_rows, n_cols=n_cols,
                           has_row_totals=has_row_totals, has_col_totals=has_col_totals))
             for key, cell in grid.items() if cell.suppressed]
    adjacency = defaultdict(list)
    for index, (_key, a, b) in enumerate(edges):
        if a == b:  # both equations unpublished: a loop, nothing to subtract from
            continue
        adjacency[a].append((b, index))
        adjacency[b].append((a, index))
    order: dict = {}
    low: dict = {}
    bridges: list[tuple[int, int]] = []
    for root in list(adjacency):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        # An explicit stack of (node, the edge it was reached by, its neighbours' iterator).
        stack = [(root, None, iter(adjacency[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            step = next(neighbours, None)
            if step is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.append(edges[via][0])
                continue
            nxt, edge = step
            if edge == via:
                continue
            if nxt in order:
                low[node] = min(low[node], order[nxt])
            else:
                order[nxt] = low[nxt] = len(order)
                stack.append((nxt, edge, iter(adjacency[nxt])))
    return sorted(bridges)


def _is_total(key: tuple[int, int], n_rows: int, n_cols: int) -> int:
    """Prefer hiding cells of the table's body to hiding its totals."""
    return int(key[0] == n_rows or key[1] == n_cols)


def _protect(grid, n_rows, n_cols, has_row_totals, has_col_totals) -> None:
    """Add secondary suppressions until no suppressed cell is computable. Each step hides
    the cheapest rectangle (or, with an unpublished side, pair) that puts the cell on a
    cycle; it ends, since each step hides at least one more cell."""
    def cost(key) -> int:
        cell = grid[key]
        if cell.suppressed:
            return 0
        return cell.value if cell.value else _ZERO_COST

    # Kept up to date as cells are hidden (a hidden cell costs 0), not recomputed for the
    # whole grid in every step: at `national` the coverage matrix (16 × 61) takes about 20
    # steps. The same for the suppressed cells the union-find below starts from.
    costs = {key: cost(key) for key in grid}
    hidden = [key for key, cell in grid.items() if cell.suppressed]
    nodes = functools.partial(_nodes, n_rows=n_rows, n_cols=n_cols,
                              has_row_totals=has_row_totals, has_col_totals=has_col_totals)

    def hide(keys) -> None:
        for k in keys:
            if not grid[k].suppressed:
                hidden.append(k)
            grid[k].secondary = True
            costs[k] = 0

    while True:
        open_cells = computable(grid, n_rows, n_cols, has_row_totals, has_col_totals)
        if not open_cells:
            return
        i, j = open_cells[0]
        rows = [r for r in range(n_rows + 1) if (r, j) in grid]
        cols = [c for c in range(n_cols + 1) if (i, c) in grid]
        options = []
        # A partner in the same row or column (enough where the other side is unpublished,
        # or already connected), or a rectangle through a third cell: that one always
        # works, so only the cheapest rectangle is a candidate (a plain loop: this runs
        # rows × columns times per hidden cell).
        for key in [(i, c) for c in cols if c != j] + [(r, j) for r in rows if r != i]:
            if not grid[key].suppressed:
                options.append((costs[key], _is_total(key, n_rows, n_cols), 1, (key,)))
        # The cheapest rectangle: the least (cost, is a total, row, column), as the scan in
        # row and column order kept it.
        across = [(j2, costs[i, j2]) for j2 in cols if j2 != j]
        best = None
        for i2 in rows:
            if i2 == i:
                continue
            down = costs[i2, j]
            for j2, cost_across in across:
                third = costs.get((i2, j2))
                if third is None:
                    continue
                candidate = (cost_across + down + third,
                             int(i2 == n_rows or j2 == n_cols), i2, j2)
                if best is None or candidate < best:
                    best = candidate
        if best is not None:
            _cost, _total, i2, j2 = best
            keys = tuple(k for k in ((i, j2), (i2, j), (i2, j2)) if not grid[k].suppressed)
            if keys:
                options.append((_cost, sum(_is_total(k, n_rows, n_cols) for k in keys),
                                len(keys), keys))
        if not options:
            # Nothing left to hide beside it: hide everything (cannot happen with totals).
            for cell in grid.values():
                if not cell.suppressed:
                    cell.secondary = True
            return
        options.sort()
        # Which equations the other hidden cells already connect (union-find, without the
        # cell itself): an option frees the cell when, with it, the cell's two equations
        # are connected another way, i.e. the cell is on a cycle.
        parent: dict = {}

        def find(node, parent=parent):
            while parent.get(node, node) != node:
                node = parent[node]
            return node

        for key in hidden:
            if key != (i, j):
                a, b = nodes(*key)
                parent[find(a)] = find(b)
        start, end = nodes(i, j)
        for _cost, _t, _n, keys in options:
            extra: dict = {}

            def find_with(node, extra=extra):
                node = find(node)
                while extra.get(node, node) != node:
                    node = find(extra[node])
                return node

            for key in keys:
                a, b = nodes(*key)
                ra, rb = find_with(a), find_with(b)
                if ra != rb:
                    extra[ra] = rb
            if find_with(start) == find_with(end):
                hide(keys)
                break
        else:
            # No single option frees it (an unusual shape): hide the cheapest and go on.
            hide(options[0][3])
