import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 10 item 1: "the drain/gateway is the only reader of the body". Every place in the
 * application that touches the SMS outbox or a confirmation code, found by reading the source:
 * a new reader fails here until it is looked at.
 */
const root = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['app', 'lib', 'scripts', 'db/seed', 'db/schema'];

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mjs|js)$/.test(e.name)) out.push({ file: rel.split(path.sep).join('/'), text: fs.readFileSync(path.join(root, rel), 'utf8') });
    }
  };
  SOURCE_DIRS.filter((d) => fs.existsSync(path.join(root, d))).forEach(walk);
  return out;
}

const filesWith = (re: RegExp) => sources().filter((s) => re.test(s.text)).map((s) => s.file).sort();

describe('who can read an SMS body or a confirmation code', () => {
  it('only the drain reads sms_outbox.body; the outbox table is touched only by the schema, the enqueuer, the drain and the masked list', () => {
    expect(filesWith(/smsOutbox\.body\b/)).toEqual(['lib/server/notifications/drain-sms-outbox.ts']);
    expect(filesWith(/\bsmsOutbox\b/)).toEqual([
      'db/schema/notifications.ts',
      'lib/server/notifications/drain-sms-outbox.ts',
      'lib/server/notifications/enqueue-sms.ts',
      'lib/server/wage-refund/list-sms-outbox.ts',
    ]);
    // No raw SQL on the table: the name appears only in the schema and in the audit's object type.
    const raw = sources().filter((s) => /sms_outbox/.test(s.text.replace(/objectType: 'sms_outbox'/g, '').replace(/'sms_outbox\.view'/g, '').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(raw.map((s) => s.file)).toEqual(['db/schema/notifications.ts']);
  });

  it('the staff list selects named columns, never the body', () => {
    const list = fs.readFileSync(path.join(root, 'lib/server/wage-refund/list-sms-outbox.ts'), 'utf8');
    expect(list).not.toMatch(/\.select\(\)/);
    expect(list.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')).not.toMatch(/\bbody\b/);
  });

  it('a plain code exists only where it is made and handed to the hash and the SMS', () => {
    expect(filesWith(/\bnewConfirmCode\b/)).toEqual(['lib/server/wage-refund/confirm-code.ts', 'lib/server/wage-refund/notify-wage-refunds.ts']);
    expect(filesWith(/\bconfirmSmsBody\b/)).toEqual(['lib/server/wage-refund/notify-wage-refunds.ts']);
    const notify = fs.readFileSync(path.join(root, 'lib/server/wage-refund/notify-wage-refunds.ts'), 'utf8');
    // The code goes into the hash and a secret SMS, nowhere else (not the audit row, not the answer).
    const uses = notify
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .filter((l) => /\bcode\b/.test(l) && !/^\s*(\/\/|import )/.test(l))
      .map((l) => l.trim());
    expect(uses).toHaveLength(5);
    expect(uses[0]).toMatch(/^export const confirmSmsBody = \(policyYear: number, code: string, ttlDays: number\) =>$/);
    expect(uses[1]).toMatch(/确认码\$\{code\}/);
    expect(uses[2]).toBe('const code = newConfirmCode();');
    expect(uses[3]).toMatch(/confirmCodeHash: confirmCodeHash\(r\.id, code\)/);
    expect(uses[4]).toBe('await enqueueSms(tx, { userId: null, mobile: r.contactMobile!, body: confirmSmsBody(r.policyYear, code, ttlDays), secret: true }, t);');
  });

  it('an SMS code (registration, password reset) exists in clear only where it is made, hashed and queued', () => {
    expect(filesWith(/\bnewSmsCode\b/)).toEqual(['lib/server/sms-codes/sms-code.ts']);
    const made = fs.readFileSync(path.join(root, 'lib/server/sms-codes/sms-code.ts'), 'utf8');
    const uses = made
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .filter((l) => /\bcode\b/.test(l) && !/^\s*(\/\/|import )/.test(l))
      .map((l) => l.trim());
    // Made; hashed into the row; put in a secret SMS — and the typed code compared by its hash.
    expect(uses.filter((l) => /newSmsCode\(\)/.test(l))).toEqual(['const code = newSmsCode();']);
    expect(uses.filter((l) => /codeHash: smsCodeHash\(id, code\)/.test(l))).toHaveLength(1);
    expect(uses.filter((l) => /body: SMS_TEXT\[to\.purpose\]\(code, minutes\), secret: true/.test(l))).toHaveLength(1);
    // The sms_codes table is read and written only there (and its schema).
    expect(filesWith(/\bsmsCodes\b/)).toEqual(['db/schema/sms-codes.ts', 'lib/server/sms-codes/sms-code.ts']);
  });
});
