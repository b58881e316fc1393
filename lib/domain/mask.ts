/**
 * Masking (脱敏) for display and export. One module, so every screen and file agrees:
 * 身份证号 keeps the first 3 and last 4, mobile the first 3 and last 4,
 * bank account the first 4 and last 4, a name keeps the surname.
 */
function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}

export const maskIdNumber = (id: string) => keepEnds(id, 3, 4);
export const maskMobile = (mobile: string) => keepEnds(mobile, 3, 4);
export const maskBankAccount = (account: string) => keepEnds(account.replace(/\s+/g, ''), 4, 4);
export const maskName = (name: string) => (name.length <= 1 ? name : name[0] + '*'.repeat(name.length - 1));
