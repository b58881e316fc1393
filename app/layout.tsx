import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '开州区创业担保贷款与就业补贴服务平台', template: '%s · 开州区创业担保贷款与就业补贴服务平台' },
  description: '返乡创业人员在线申请创业担保贷款与“三免两贴两推荐”政策，审核、贴息与拨付全程在线。',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
