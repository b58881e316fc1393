// Drain the SMS outbox once. The default gateway only logs (development); a deployment
// plugs in its carrier's adapter implementing SmsGateway.
import { createDb } from '../db/client';
import { drainSmsOutbox, type SmsGateway } from '../lib/server/notifications/drain-sms-outbox';

const logGateway: SmsGateway = { async send(mobile, body) { console.log(`[sms] ${mobile.slice(0, 3)}****${mobile.slice(-4)} ${body}`); } };

const h = await createDb();
try {
  console.log(await drainSmsOutbox(h.db, logGateway));
} finally {
  await h.close();
}
