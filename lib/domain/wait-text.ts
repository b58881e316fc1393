/** “30 秒” / “5 分钟” / “2 小时”: a wait as a person reads it, rounded up. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(Math.ceil(seconds), 1)} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}
