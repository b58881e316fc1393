'use client';

/** Opens the browser's print dialog (print or save as PDF); hidden on the printed page itself. */
export function PrintButton({ label = '打印 / 另存为 PDF' }: { label?: string }) {
  return (
    <button type="button" className="btn-primary print:hidden" onClick={() => window.print()}>
      {label}
    </button>
  );
}
