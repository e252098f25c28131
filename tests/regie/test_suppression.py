"""Small-number suppression: 1..9 shows as "< 10", and no suppressed cell can be computed
from what is printed. The attacker here is independent of the mechanism: exact linear
algebra over the printed equations (every row and column adds up to its total)."""
import random
from fractions import Fraction

import pytest

from regie.suppression import HIDDEN, SMALL, suppress, suppress_column


def _determined(table, *, row_totals=True, col_totals=True) -> list[str]:
    """The suppressed cells a reader can compute: unknowns x, equations from every printed
    row/column total, Gaussian elimination over the rationals; a cell is determined when
    its unit vector lies in the row space of the equations."""
    cells = {}
    n_rows, n_cols = len(table.rows), len(table.rows[0])
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            cells[f"b{i},{j}"] = cell
    if table.row_totals:
        for i, cell in enumerate(table.row_totals):
            cells[f"r{i}"] = cell
    if table.col_totals:
        for j, cell in enumerate(table.col_totals):
            cells[f"c{j}"] = cell
    if table.grand_total is not None:
        cells["g"] = table.grand_total
    lines = []  # (names with coefficient +1, name of the total with -1)
    if table.row_totals:
        lines += [([f"b{i},{j}" for j in range(n_cols)], f"r{i}") for i in range(n_rows)]
    if table.col_totals:
        lines += [([f"b{i},{j}" for i in range(n_rows)], f"c{j}") for j in range(n_cols)]
    if table.grand_total is not None:
        lines.append(([f"c{j}" for j in range(n_cols)], "g"))
        lines.append(([f"r{i}" for i in range(n_rows)], "g"))
    unknown = [name for name, cell in cells.items() if cell.suppressed]
    index = {name: k for k, name in enumerate(unknown)}
    matrix = []
    for parts, total in lines:
        row = [Fraction(0)] * len(unknown)
        for name in parts:
            if name in index:
                row[index[name]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            matrix.append(row)
    # Reduced row echelon form.
    pivots, r = [], 0
    for c in range(len(unknown)):
        pivot = next((k for k in range(r, len(matrix)) if matrix[k][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        matrix[r] = [v / matrix[r][c] for v in matrix[r]]
        for k in range(len(matrix)):
            if k != r and matrix[k][c] != 0:
                factor = matrix[k][c]
                matrix[k] = [a - factor * b for a, b in zip(matrix[k], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
    # A variable is determined when some row of the RREF has it as its only non-zero.
    determined = []
    for row in matrix[:r]:
        nonzero = [k for k, v in enumerate(row) if v != 0]
        if len(nonzero) == 1:
            determined.append(unknown[nonzero[0]])
    return determined


def _subtract_once(table) -> list[tuple[str, int]]:
    """The plain attack: a row or column with one hidden cell, total minus the others."""
    found = []
    lines = [(row, total) for row, total in zip(table.rows, table.row_totals or [], strict=False)]
    columns = list(zip(*table.rows, strict=True))
    lines += list(zip(columns, table.col_totals or [], strict=False))
    for cells, total in lines:
        hidden = [c for c in cells if c.suppressed]
        if len(hidden) == 1 and not total.suppressed:
            found.append(("cell", total.value - sum(c.value for c in cells if not c.suppressed)))
        if not hidden and total.suppressed:
            found.append(("total", sum(c.value for c in cells)))
    return found


def test_small_counts_show_as_less_than_ten_and_others_as_numbers():
    table = suppress([[5, 20, 30], [40, 50, 60], [70, 80, 90]])
    assert table.rows[2][2].display == "90" and table.rows[2][2].shown == 90
    assert table.rows[0][0].display == SMALL
    assert table.rows[0][0].primary


def test_one_small_cell_in_a_row_gets_a_partner_so_subtraction_fails():
    table = suppress([[5, 20, 30], [40, 50, 60], [33, 44, 12]])
    assert table.rows[0][0].display == SMALL
    # Row 0 and column 0 both printed their totals: 5 = 55 - 20 - 30 unless more is hidden.
    assert sum(c.suppressed for c in table.rows[0]) >= 2
    assert sum(row[0].suppressed for row in table.rows) >= 2
    assert _subtract_once(table) == []
    assert _determined(table) == []
    hidden = [c for c in table.all_cells() if c.secondary]
    assert hidden and all(c.display == HIDDEN for c in hidden)


def test_small_total_is_suppressed_and_cannot_be_recomputed_from_its_cells():
    table = suppress([[3, 2], [40, 50]])
    assert table.row_totals[0].display == SMALL
    assert _subtract_once(table) == []
    assert _determined(table) == []


def test_one_dimensional_breakdown_hides_a_second_cell():
    cells, total = suppress_column([4, 30, 25, 12])
    assert cells[0].display == SMALL
    assert total.display == "71"
    assert sum(c.suppressed for c in cells) == 2
    # The partner is the next smallest: 12.
    assert cells[3].secondary


@pytest.mark.parametrize("seed", range(40))
def test_no_suppressed_cell_is_computable_in_random_tables(seed):
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 6), rng.randint(1, 6)
    body = [[rng.choice([0, 0, 1, 3, 7, 9, 12, 15, 40, 100]) for _ in range(cols)]
            for _ in range(rows)]
    for row_totals, col_totals in ((True, True), (True, False), (False, True)):
        table = suppress(body, row_totals=row_totals, col_totals=col_totals)
        assert _determined(table) == [], (body, row_totals, col_totals)
        assert _subtract_once(table) == []
        for i, row in enumerate(body):
            for j, value in enumerate(row):
                if 0 < value < 10:
                    assert table.rows[i][j].display == SMALL


def test_no_numbers_at_all_hides_nothing():
    table = suppress([[0, 0], [0, 0]])
    assert not table.any_suppressed


def test_an_empty_breakdown_has_only_its_total():
    cells, total = suppress_column([], total=4)
    assert cells == [] and total.display == SMALL
