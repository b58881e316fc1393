'use client';

import { signOut } from 'next-auth/react';

export function LogoutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/login' })} className="rounded-md bg-white/10 px-3 py-1.5 text-sm hover:bg-white/20">
      退出登录
    </button>
  );
}
