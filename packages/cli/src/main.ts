// The `wit-ts` command line: a thin shell over the packages. Every command
// returns an exit code; nothing here prints a stack trace for bad input.

import { Command, CommanderError, Option } from 'commander';
import { ComponentNewError, DecodeError, PrintError, WitDecodeError } from '@wit-ts/component';
import { WitError } from '@wit-ts/wit-parser';
import { ComposeError } from '@wit-ts/compose';
import { runCheck } from './commands/check.js';
import { runFmt } from './commands/fmt.js';
import { runInspect } from './commands/inspect.js';
import { runPrint, type PrintFlags } from './commands/print.js';
import { runWit } from './commands/wit.js';
import { runCall } from './commands/call.js';
import { runBind, type BindFlags } from './commands/bind.js';
import { runCompose, runPlug, type ComposeFlags, type PlugFlags } from './commands/compose.js';
import { runEmbed, runNew, type EmbedFlags, type NewFlags } from './commands/component.js';
import { runRun } from './commands/run.js';
import { wasiFlags, type WasiFlags } from './commands/wasi-options.js';
import { runResolve } from './commands/resolve.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from './exit.js';
import { errorLine, processOutput, type Output } from './output.js';
import { collectFeatures } from './paths.js';

export const VERSION = '0.1.0';

function featureOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--features <names>', 'enable @unstable feature gates (comma-separated, repeatable)').argParser(
        collectFeatures,
      ),
    )
    .option('--all-features', 'enable every @unstable feature gate');
}

function buildProgram(out: Output, setExit: (code: number) => void): Command {
  const program = new Command('wit-ts')
    .description('A TypeScript toolchain for the WebAssembly Component Model')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => out.stdout(s),
      writeErr: (s) => out.stderr(s),
      outputError: (s) => out.stderr(s),
    })
    .exitOverride();

  featureOptions(
    program
      .command('check')
      .description('parse and resolve WIT, printing every diagnostic (exit 1 when any)')
      .argument('<path>', 'a .wit file or a package directory (with deps/)'),
  ).action((path: string, opts: { features?: string[]; allFeatures?: boolean }) => {
    setExit(runCheck(path, opts, out));
  });

  featureOptions(
    program
      .command('resolve')
      .description('resolve WIT and print it as canonical WIT, or as wasm-tools JSON with --json')
      .argument('<path>', 'a .wit file or a package directory (with deps/)')
      .option('--json', 'print the resolved packages as JSON, like `wasm-tools component wit --json`'),
  ).action((path: string, opts: { json?: boolean; features?: string[]; allFeatures?: boolean }) => {
    setExit(runResolve(path, opts, out));
  });

  program
    .command('fmt')
    .description('format .wit files in place, keeping every comment')
    .argument('<path>', 'a .wit file or a directory (formatted recursively)')
    .option('--check', 'write nothing; list files that would change and exit 1 if any')
    .action((path: string, opts: { check?: boolean }) => {
      setExit(runFmt(path, opts, out));
    });

  featureOptions(
    program
      .command('wit')
      .description(
        'print the full WIT of a WIT file/directory, a wasm-encoded WIT package, a component, or a core module with component-type sections',
      )
      .argument('<input>', 'a .wit file, a package directory, or a .wasm file')
      .option('--json', 'print wasm-tools JSON instead of WIT')
      .option('--wasm', 'write the package as a wasm-encoded WIT package (with -o)')
      .option('--out-dir <dir>', 'write one file per package: <name>.wit and deps/<dep>.wit')
      .option('-o, --output <file>', 'write to a file instead of stdout'),
  ).action(
    (
      path: string,
      opts: {
        json?: boolean;
        wasm?: boolean;
        outDir?: string;
        output?: string;
        features?: string[];
        allFeatures?: boolean;
      },
    ) => {
      setExit(runWit(path, opts, out));
    },
  );

  const component = program.command('component').description('build components from core modules and WIT');
  featureOptions(
    component
      .command('embed')
      .description('add a component-type section (the world, metadata v4) to a core module')
      .argument('<wit-path>', 'a .wit file or package directory')
      .argument('[core.wasm]', 'the core module (omit with --dummy)')
      .option('-w, --world <world>', 'the world: a name in the package, or ns:pkg/world')
      .option('--encoding <encoding>', 'string encoding: utf8, utf16 or compact-utf16', 'utf8')
      .option('--dummy', 'create a placeholder core module with the imports and exports of the world')
      .option('-o, --output <file>', 'where to write the module'),
  ).action((witPath: string, corePath: string | undefined, opts: EmbedFlags) => {
    setExit(runEmbed(witPath, corePath, opts, out));
  });
  component
    .command('new')
    .description('turn a core module with component-type sections into a component')
    .argument('<core.wasm>', 'the core module (see `wit-ts component embed`)')
    .option(
      '--adapt <[name=]adapter.wasm>',
      'an adapter module, e.g. wasi_snapshot_preview1=wasi_snapshot_preview1.reactor.wasm; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-o, --output <file>', 'where to write the component')
    .action((corePath: string, opts: NewFlags) => {
      setExit(runNew(corePath, opts, out));
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  featureOptions(
    program
      .command('bind')
      .description(
        'generate TypeScript bindings: a typed host over @wit-ts/runtime, or guest .d.ts for componentize-js',
      )
      .argument('<input>', 'a .wit file, a package directory, or a component .wasm')
      .option('-w, --world <world>', 'the world: a name in the package, or ns:pkg/world')
      .option('--host', 'bindings for a host that instantiates the component')
      .option('--guest', 'declarations for writing the component in JS/TS')
      .option('-o, --output <dir>', 'where to write the files'),
  ).action(async (path: string, opts: BindFlags) => {
    setExit(await runBind(path, opts, out));
  });

  program
    .command('compose')
    .description('compose components as described by a WAC file')
    .argument('<file.wac>', 'the composition')
    .option('--deps-dir <dir>', 'where packages are found: <dir>/<ns>/<pkg>.wasm (or .wit / a WIT dir)')
    .option('--dep <ns:pkg=path>', 'a package by name; repeatable', collect)
    .option('--import-dependencies', 'import the dependencies instead of embedding them')
    .option('--wat', 'print the composed component as text (WAT) instead of writing binary')
    .option('-o, --output <file>', 'where to write the component (the text with --wat)')
    .action((path: string, opts: ComposeFlags) => {
      setExit(runCompose(path, opts, out));
    });

  program
    .command('plug')
    .description("satisfy a socket component's imports with the exports of plug components")
    .argument('<socket.wasm>', 'the component whose imports are filled')
    .option('--plug <plug.wasm>', 'a component whose exports fill imports; repeatable', collect)
    .option('--wat', 'print the composed component as text (WAT) instead of writing binary')
    .option('-o, --output <file>', 'where to write the component (the text with --wat)')
    .action((path: string, opts: PlugFlags) => {
      setExit(runPlug(path, opts, out));
    });

  wasiFlags(
    program
      .command('run')
      .description('run a wasi:cli/command component; the exit code comes from wasi:cli/exit')
      .argument('<component>', 'a component .wasm file')
      .argument('[args...]', 'arguments for the guest (put them after --)'),
  ).action(async (path: string, args: string[], opts: WasiFlags) => {
    setExit(await runRun(path, args, opts, out));
  });

  wasiFlags(
    program
      .command('call')
      .description("call an exported function with WAVE arguments, e.g. 'add(1, 2)', and print the result")
      .argument('<component>', 'a component .wasm file')
      .argument('<call>', "the call in WAVE syntax, e.g. 'greet(\"hi\")' or 'ns:pkg/iface#f(1)'")
      .option('--invoke-export <iface>', 'the exported interface the function belongs to'),
  ).action(async (path: string, expression: string, opts: WasiFlags & { invokeExport?: string }) => {
    setExit(await runCall(path, expression, opts, out));
  });

  program
    .command('inspect')
    .description('summarise a core module, component or wasm-encoded WIT package')
    .argument('<file>', 'a .wasm file')
    .option('--json', 'print the report as JSON')
    .action((path: string, opts: { json?: boolean }) => {
      setExit(runInspect(path, opts, out));
    });

  program
    .command('print')
    .description('print a component or core module as text (WAT), like `wasm-tools print`')
    .argument('<file>', 'a .wasm file (component or core module)')
    .option('-o, --output <file>', 'write the text to a file instead of stdout')
    .action((path: string, opts: PrintFlags) => {
      setExit(runPrint(path, opts, out));
    });

  const configure = (parent: Command) => {
    for (const command of parent.commands) {
      command.configureOutput(program.configureOutput()).exitOverride().showSuggestionAfterError();
      configure(command);
    }
  };
  configure(program);
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], out: Output = processOutput()): Promise<number> {
  let code = EXIT_OK;
  try {
    const program = buildProgram(out, (c) => {
      code = c;
    });
    if (argv.length === 0) {
      out.stdout(program.helpInformation());
      return EXIT_OK;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return reportFailure(err, out);
  }
}

function reportFailure(err: unknown, out: Output): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help text).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
      return EXIT_OK;
    }
    return EXIT_USAGE;
  }
  if (err instanceof UsageError) {
    errorLine(out, err.message);
    return EXIT_USAGE;
  }
  if (err instanceof WitError || err instanceof ComposeError) {
    out.stderr(`${err.rendered}\n`);
    return EXIT_INVALID;
  }
  if (
    err instanceof DecodeError ||
    err instanceof WitDecodeError ||
    err instanceof ComponentNewError ||
    err instanceof PrintError
  ) {
    errorLine(out, err.message);
    return EXIT_INVALID;
  }
  const message = err instanceof Error ? err.message : String(err);
  errorLine(out, `internal error: ${message} (please report this with the input that caused it)`);
  return EXIT_INVALID;
}
