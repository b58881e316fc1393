/**
 * Rules-engine command line (rules.md §9):
 *
 *     npm run -s rules -- <command> < input.json
 *
 * stdin holds one JSON object (answered by one object) or an array (answered
 * by an array in the same order). A refusal such as RATE_ABOVE_CAP is an
 * answer: `{"error":{"code":…,"message":…}}`, exit 0.
 * Exit 2 with an INVALID_INPUT error: malformed JSON, an unknown command, a
 * top level that is neither object nor array, or a single object whose fields
 * are invalid.
 * Choice for arrays: an invalid ELEMENT is answered in place with its own
 * INVALID_INPUT error object and the run still exits 0, so one bad row never
 * hides the answers to the others in a batch.
 *
 * `--serve` (for tests and benchmarks): one process answers many invocations. Each stdin
 * line is `{"args":[command],"stdin":"…"}`; each answer is one line
 * `{"status":exitCode,"stdout":"…"}` — exactly what `rules <command> < stdin` would have
 * exited with and printed, computed by the same `answerInvocation`.
 *
 * Relative imports (not the @/ alias) keep start-up fast; nothing here reads
 * the clock or the environment.
 */
import readline from 'node:readline';
import { COMMAND_NAMES, isCommandName, runCommand } from '../lib/domain/rules/run-command';

function usage(): string {
  return `用法：npm run -s rules -- <命令> < input.json\n命令：${COMMAND_NAMES.join(', ')}`;
}

type Write = (s: string) => void;

function invalid(write: Write, message: string): number {
  write(`${JSON.stringify({ error: { code: 'INVALID_INPUT', message } })}\n`);
  return 2;
}

/**
 * Serialises each answer as soon as it is computed and writes in chunks, so
 * answers die young instead of 10,000 result graphs surviving to one final
 * JSON.stringify (that retention made garbage collection the main cost).
 */
function writeArray(write: Write, items: unknown[], answer: (item: unknown) => unknown): void {
  const CHUNK = 500;
  let buffer: string[] = [];
  write('[');
  items.forEach((item, i) => {
    buffer.push((i === 0 ? '' : ',') + JSON.stringify(answer(item)));
    if (buffer.length === CHUNK) {
      write(buffer.join(''));
      buffer = [];
    }
  });
  write(`${buffer.join('')}]\n`);
}

/** One invocation: `rules <command>` with `stdin`; writes what it prints, returns its exit code. */
export function answerInvocation(command: string | undefined, stdin: string, write: Write): number {
  if (!command || command === '--help' || command === '-h') return invalid(write, usage());
  if (!isCommandName(command)) return invalid(write, `未知命令：${command}。${usage()}`);

  let input: unknown;
  try {
    input = JSON.parse(stdin);
  } catch {
    return invalid(write, '输入不是合法的JSON');
  }

  if (Array.isArray(input)) {
    writeArray(write, input, (item) => runCommand(command, item).output);
    return 0;
  }
  if (input === null || typeof input !== 'object') return invalid(write, '输入应为一个JSON对象或对象数组');
  const outcome = runCommand(command, input);
  write(`${JSON.stringify(outcome.output, null, 2)}\n`);
  return !outcome.ok && outcome.invalidInput ? 2 : 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(): Promise<void> {
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let out = '';
    let status: number;
    try {
      const req = JSON.parse(line) as { args?: unknown; stdin?: unknown };
      const args = Array.isArray(req.args) ? req.args.map(String) : [];
      status = answerInvocation(args[0], typeof req.stdin === 'string' ? req.stdin : '', (s) => (out += s));
    } catch (e) {
      status = 1;
      out = String(e instanceof Error ? e.stack : e);
    }
    process.stdout.write(`${JSON.stringify({ status, stdout: out })}\n`);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serve();
  const command = process.argv[2];
  // Usage errors answer before reading stdin (nothing to wait for).
  if (!command || command === '--help' || command === '-h' || !isCommandName(command)) {
    process.exitCode = answerInvocation(command, '', (s) => process.stdout.write(s));
    return;
  }
  const stdin = await readStdin();
  process.exitCode = answerInvocation(command, stdin, (s) => process.stdout.write(s));
}

void main();
