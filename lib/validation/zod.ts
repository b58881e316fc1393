import { z } from 'zod';

// Zod compiles object parsers with `new Function` where it can. The pages' Content-Security-Policy
// forbids eval, and even Zod's probe for it is reported as a violation: parse by interpretation.
z.config({ jitless: true });

export { z };
