// mapshaper ships no types; this is the one call the build uses.
declare module 'mapshaper' {
  /** Run mapshaper commands on in-memory files; resolves to the output files by name. */
  export function applyCommands(
    commands: string,
    input?: Record<string, string | Uint8Array>,
  ): Promise<Record<string, string | Uint8Array>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
