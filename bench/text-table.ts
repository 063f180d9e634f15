// Left-aligned text columns for the suite reports.
function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** Rows of cells as aligned lines; the first column is at least `minFirst` wide. */
export function textTable(rows: readonly (readonly string[])[], minFirst = 20): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? (i === 0 ? minFirst : 0), cell.length);
    });
  }
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, (widths[i] ?? 0) + 3))).join('').trimEnd());
}
