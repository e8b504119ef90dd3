/**
 * A number or date that carries its own display: in an XLSX a typed cell with that number format
 * (so it still sums and sorts), in a CSV exactly `text`. For values whose format varies by row,
 * e.g. amounts in each order's currency (JPY has no decimals, CNY two).
 */
export class FormattedCell {
  constructor(
    readonly value: number | Date,
    readonly numFmt: string,
    readonly text: string,
  ) {}
}
