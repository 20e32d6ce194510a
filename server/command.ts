/** One subcommand of `workbench`. `run` returns the exit code; it never calls process.exit. */
export interface Command {
  name: string;
  /** e.g. `hub --host H --port P --data DIR [--forward URL]` */
  usage: string;
  summary: string;
  run(args: readonly string[]): Promise<number>;
}

/** For subcommands whose issue has not landed yet: says so and exits 2. */
export function notYet(name: string, usage: string, summary: string): Command {
  return {
    name,
    usage,
    summary,
    run: () => {
      console.error(`workbench ${name} is not available in this version yet.`);
      return Promise.resolve(2);
    },
  };
}
