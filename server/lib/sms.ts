import type { FastifyBaseLogger } from 'fastify';
import type { Tx } from '../db/client.js';
import { smsOutbox } from '../db/schema.js';

/** The SMS vendor sits behind this interface (ACC-9); production plugs its vendor in here. */
export type SmsGateway = {
  send(tx: Tx, mobile: string, body: string): Promise<void>;
};

/**
 * Development gateway: nothing leaves the machine; messages land in the sms_outbox table, where
 * the development outbox page and tests read them.
 */
export function createOutboxGateway(log?: FastifyBaseLogger): SmsGateway {
  return {
    async send(tx, mobile, body) {
      await tx.insert(smsOutbox).values({ mobile, body });
      log?.info({ mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` }, 'sms queued to development outbox');
    },
  };
}
