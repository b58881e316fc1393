import ExcelJS from 'exceljs';

/**
 * Reads an uploaded table (.xlsx with exceljs, or .csv: UTF-8, with or without BOM,
 * RFC 4180 quoting) into rows of plain cell values, numbered as the user sees them in a
 * spreadsheet (first line = row 1). Blank rows are dropped. Not a use-case: the import
 * use-cases validate the cells.
 */
export type Cell = string | number | Date | boolean | null;

export interface TabularRow {
  /** Row number in the file (1-based, as a spreadsheet shows it). */
  row: number;
  cells: Cell[];
}

export class TabularFileError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
    this.name = 'TabularFileError';
  }
}

export type TabularFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The format by content (an .xlsx is a zip) and name; null when it is neither. */
export function tabularFormatOf(fileName: string, content: Uint8Array): TabularFormat | null {
  const isZip = ZIP_MAGIC.every((b, i) => content[i] === b);
  const lower = fileName.toLowerCase();
  if (isZip) return lower.endsWith('.xlsx') || !lower.endsWith('.csv') ? 'xlsx' : null;
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return null;
}

export async function readTabularFile(fileName: string, content: Uint8Array, opts: { maxRows: number }): Promise<TabularRow[]> {
  const format = tabularFormatOf(fileName, content);
  if (format === null) throw new TabularFileError('仅支持 .xlsx 或 .csv（UTF-8）格式的文件');
  return format === 'xlsx' ? readXlsx(content, opts.maxRows) : readCsv(content, opts.maxRows);
}

const isBlank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return `#ERROR ${String(v.error)}`;
  if ('result' in v) return plain((v.result ?? null) as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return String(v.text);
  return null;
}

async function readXlsx(content: Uint8Array, maxRows: number): Promise<TabularRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new TabularFileError('无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) return [];
  // A header and at most maxRows data rows.
  if (ws.actualRowCount > maxRows + 1) throw new TabularFileError(`文件超过 ${maxRows} 行，请分批导入`);
  const rows: TabularRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(plain(r.getCell(c).value));
    if (!isBlank(cells)) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** RFC 4180: comma-separated, CRLF or LF line ends, double quotes around fields, "" inside quotes. */
export function parseCsv(text: string, maxRows = Infinity): TabularRow[] {
  const rows: TabularRow[] = [];
  let field = '';
  let cells: Cell[] = [];
  let quoted = false;
  let wasQuoted = false;
  // Records, as a spreadsheet numbers them (a quoted line break stays inside its row).
  let recordLine = 1;
  const endField = () => {
    cells.push(wasQuoted ? field : field.trim() === '' ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!isBlank(cells)) {
      rows.push({ row: recordLine, cells });
      if (rows.length > maxRows + 1) throw new TabularFileError(`文件超过 ${maxRows} 行，请分批导入`);
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      endRecord();
      recordLine++;
    } else field += ch;
  }
  if (quoted) throw new TabularFileError(`CSV 第 ${recordLine} 行的引号没有闭合`);
  if (field !== '' || cells.length > 0 || wasQuoted) endRecord();
  return rows;
}

function readCsv(content: Uint8Array, maxRows: number): TabularRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    throw new TabularFileError('CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”');
  }
  return parseCsv(text, maxRows);
}
