declare module 'mapshaper' {
  /** Runs mapshaper commands on files given in memory; resolves to the output files by name. */
  export function applyCommands(commands: string, input: Record<string, string | Uint8Array>): Promise<Record<string, Uint8Array | string>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
