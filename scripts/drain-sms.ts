// Drain the SMS outbox once through the gateway SMS_GATEWAY names (a deployment plugs in its
// carrier's adapter implementing SmsGateway). Bodies are wiped as they are sent.
import { createDb } from '../db/client';
import { drainSmsOutbox } from '../lib/server/notifications/drain-sms-outbox';
import { smsGatewayFromEnv } from '../lib/server/notifications/sms-gateway';

const gateway = smsGatewayFromEnv();
if (!gateway) {
  console.error('SMS_GATEWAY is not set (log | file:<path>): nothing would receive the messages.');
  process.exit(1);
}
const h = await createDb();
try {
  console.log(await drainSmsOutbox(h.db, gateway));
} finally {
  await h.close();
}
