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
 * Relative imports (not the @/ alias) keep start-up fast; nothing here reads
 * the clock or the environment.
 */
import { COMMAND_NAMES, isCommandName, runCommand } from '../lib/domain/rules/run-command';

function usage(): string {
  return `用法：npm run -s rules -- <命令> < input.json\n命令：${COMMAND_NAMES.join(', ')}`;
}

function exitInvalid(message: string): void {
  process.stdout.write(`${JSON.stringify({ error: { code: 'INVALID_INPUT', message } })}\n`);
  process.exitCode = 2;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serialises each answer as soon as it is computed and writes in chunks, so
 * answers die young instead of 10,000 result graphs surviving to one final
 * JSON.stringify (that retention made garbage collection the main cost).
 */
function writeArray(items: unknown[], answer: (item: unknown) => unknown): void {
  const CHUNK = 500;
  let buffer: string[] = [];
  process.stdout.write('[');
  items.forEach((item, i) => {
    buffer.push((i === 0 ? '' : ',') + JSON.stringify(answer(item)));
    if (buffer.length === CHUNK) {
      process.stdout.write(buffer.join(''));
      buffer = [];
    }
  });
  process.stdout.write(`${buffer.join('')}]\n`);
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (!command || command === '--help' || command === '-h') return exitInvalid(usage());
  if (!isCommandName(command)) return exitInvalid(`未知命令：${command}。${usage()}`);

  let input: unknown;
  try {
    input = JSON.parse(await readStdin());
  } catch {
    return exitInvalid('输入不是合法的JSON');
  }

  if (Array.isArray(input)) {
    writeArray(input, (item) => runCommand(command, item).output);
    return;
  }
  if (input === null || typeof input !== 'object') return exitInvalid('输入应为一个JSON对象或对象数组');
  const outcome = runCommand(command, input);
  process.stdout.write(`${JSON.stringify(outcome.output, null, 2)}\n`);
  if (!outcome.ok && outcome.invalidInput) process.exitCode = 2;
}

void main();
