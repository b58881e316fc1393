import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '开州区创业担保贷款与就业补贴服务平台', template: '%s · 开州区创业担保贷款与就业补贴服务平台' },
  description: '返乡创业人员在线申请创业担保贷款与“三免两贴两推荐”政策，审核、贴息与拨付全程在线。',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** Every page renders per request, so each response carries its own CSP nonce (proxy.ts). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
