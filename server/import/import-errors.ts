/**
 * A file that cannot be read as what it claims to be, or options that do not fit it: the user
 * is told exactly why (a 400 over the API, a message from the CLI), and nothing changes.
 */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
