import { decryptPii, encryptPii } from '@/lib/server/crypto/pii';

/** The whole form is personal data: it is stored encrypted and opened only on the server. */
export const sealForm = (form: unknown): string => encryptPii(JSON.stringify(form ?? {}));
export const openForm = <T = Record<string, unknown>>(enc: string): T => JSON.parse(decryptPii(enc)) as T;
