/** The file could not be parsed at all (broken quoting, a damaged workbook); map it to a 400. */
export class TableReadError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'TableReadError';
  }
}
