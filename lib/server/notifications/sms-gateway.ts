import fs from 'node:fs';
import path from 'node:path';
import { maskMobile } from '@/lib/domain/mask';
import { env } from '@/lib/env';
import type { SmsGateway } from './drain-sms-outbox';

/** Prints each message to the server's console: the demo's "phone". Never for production. */
export const consoleSmsGateway: SmsGateway = {
  async send(mobile, body) {
    console.log(`[sms] ${maskMobile(mobile)} ${body}`);
  },
};

/**
 * The test gateway: one JSON line per message ({at, mobile, body}) appended to a file only
 * the test runner reads — the way a test obtains a code an enterprise would receive on its phone.
 */
export function fileSmsGateway(file: string): SmsGateway {
  return {
    async send(mobile, body) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), mobile, body })}\n`, { mode: 0o600 });
    },
  };
}

/** The gateway SMS_GATEWAY names, or null when messages are left for another drain (`none`). */
export function smsGatewayFromEnv(): SmsGateway | null {
  const g = env().SMS_GATEWAY;
  if (g === 'log') return consoleSmsGateway;
  if (g.startsWith('file:')) return fileSmsGateway(path.resolve(g.slice('file:'.length)));
  return null;
}
