'use client';

import { useEffect, useState } from 'react';

/**
 * False until React has taken over the page. Submit buttons stay disabled until then,
 * so an early tap can never submit a form natively (which would put a password in a URL).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
