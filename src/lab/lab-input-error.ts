/**
 * Bad input to the lab (unknown host, unknown fault, no lab in the folder, unknown tool).
 * Raised before any lab state changes; src/commands/lab.ts turns it into exit 2.
 */
export class LabInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabInputError';
  }
}
