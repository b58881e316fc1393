// `server-only` throws when imported outside a React Server environment; the
// use-cases are plain functions, so tests may import them directly.
import { vi } from 'vitest';
vi.mock('server-only', () => ({}));
