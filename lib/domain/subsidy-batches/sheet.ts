/**
 * A table written as .xlsx (Office Open XML, one worksheet, inline strings, four cell
 * styles) or as .csv (UTF-8 with BOM, RFC 4180, CRLF). Both are streamed row by row and are
 * deterministic: the same rows give the same bytes. Amounts are exact decimal texts written
 * as numbers (never through a JS float); every text cell is neutralised against formula
 * injection (INP-04) in both formats.
 */
import { zipStream } from './zip';

/** `title`: bold, larger and centred (the merged title of a printed list). */
export type CellStyle = 'plain' | 'bold' | 'amount' | 'boldAmount' | 'title';

export type SheetCell =
  | null
  | { t: 's'; v: string; style?: CellStyle }
  /** A number as exact decimal text, e.g. "300000.00" or "91". */
  | { t: 'n'; v: string; style?: CellStyle };

export type SheetRow = SheetCell[];

// A trigger character, possibly behind quotes (so that escaping stays reversible).
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

/** A text cell that no spreadsheet will evaluate: a leading ' when it starts like a formula. */
export function escapeCell(s: string): string {
  return NEEDS_QUOTE.test(s) ? `'${s}` : s;
}

/** The text before `escapeCell` (for checks and for reading our own lists back). */
export function unescapeCell(s: string): string {
  return QUOTED.test(s) ? s.slice(1) : s;
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

// ---------------------------------------------------------------- CSV

function csvField(c: SheetCell): string {
  if (c === null) return '';
  if (c.t === 'n') {
    if (!NUMBER_TEXT.test(c.v)) throw new Error(`not a number: ${c.v}`);
    return c.v;
  }
  const s = escapeCell(c.v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV: UTF-8 with BOM (Excel opens it as UTF-8), CRLF line ends. */
export function csvStream(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>): AsyncGenerator<Buffer> {
  return encodeRows(rows, csvEncoder(), 64 * 1024);
}

// ---------------------------------------------------------------- XLSX

const STYLE_INDEX: Record<CellStyle, number> = { plain: 0, bold: 1, amount: 2, boldAmount: 3, title: 4 };

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_XML_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const xmlText = (s: string) =>
  NEEDS_XML_ESCAPE.test(s) ? s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : s;

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

// numFmtId 4 is the built-in "#,##0.00".
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS}">` +
  '<fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

export interface XlsxOptions {
  sheetName: string;
  /** Column widths in characters. */
  widths?: number[];
  /** Rows kept visible at the top while scrolling (the header). */
  frozenRows?: number;
  /** Deflate level (1 fastest … 9 smallest). */
  level?: number;
  /** How the sheet prints (absent: the spreadsheet's defaults). */
  print?: PrintSetup;
}

/** Page setup of a worksheet meant for paper. */
export interface PrintSetup {
  /** A4 landscape (else A4 portrait). */
  landscape: boolean;
  /** Scale to one page wide, as many pages tall as needed. */
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page (1-based, inclusive), e.g. [3, 3]. */
  repeatRows?: [number, number];
  /** Row 1 merged across the sheet's widest row (its title, centred by the `title` style). */
  mergeTitle: boolean;
  /** Page header and footer in the spreadsheet's codes (&L &C &R sections, &P page, &N pages). */
  header?: string;
  footer?: string;
}

/** A worksheet of a workbook: its name, its options and its XML (see sheetXmlEncoder). */
export interface WorkbookSheet {
  opts: XlsxOptions;
  xml: AsyncIterable<Buffer>;
}

/** A row encoder: the text before the rows, each row's text, the text after them. */
export interface RowEncoder {
  head(): string;
  row(r: SheetRow): string;
  tail(): string;
}

/** The worksheet XML, row by row (inline strings, styles by index). */
export function sheetXmlEncoder(opts: XlsxOptions): RowEncoder {
  const names: string[] = [];
  const col = (i: number) => (names[i] ??= columnName(i));
  let r = 0;
  let widest = 0;
  const p = opts.print;
  return {
    head() {
      let head = XML_HEAD + `<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`;
      if (p?.fitToWidth) head += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
      if (opts.frozenRows) {
        const top = opts.frozenRows + 1;
        head += `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${opts.frozenRows}" topLeftCell="A${top}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`;
      }
      if (opts.widths?.length) head += `<cols>${opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
      return head + '<sheetData>';
    },
    row(row) {
      r++;
      if (row.length > widest) widest = row.length;
      let xml = `<row r="${r}">`;
      for (let i = 0; i < row.length; i++) {
        const c = row[i];
        if (c === null) continue;
        const s = STYLE_INDEX[c.style ?? 'plain'];
        const sAttr = s ? ` s="${s}"` : '';
        if (c.t === 'n') {
          if (!NUMBER_TEXT.test(c.v)) throw new Error(`not a number: ${c.v}`);
          xml += `<c r="${col(i)}${r}"${sAttr}><v>${c.v}</v></c>`;
        } else {
          xml += `<c r="${col(i)}${r}" t="inlineStr"${sAttr}><is><t xml:space="preserve">${xmlText(escapeCell(c.v))}</t></is></c>`;
        }
      }
      return xml + '</row>';
    },
    tail() {
      let tail = '</sheetData>';
      if (p?.mergeTitle && widest > 1) tail += `<mergeCells count="1"><mergeCell ref="A1:${col(widest - 1)}1"/></mergeCells>`;
      if (p) {
        tail += '<printOptions horizontalCentered="1"/>';
        tail += '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
        // paperSize 9 = A4; fitToHeight 0 = as many pages tall as needed.
        tail += `<pageSetup paperSize="9" orientation="${p.landscape ? 'landscape' : 'portrait'}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`;
        if (p.header || p.footer) {
          tail += '<headerFooter>';
          if (p.header) tail += `<oddHeader>${xmlText(p.header)}</oddHeader>`;
          if (p.footer) tail += `<oddFooter>${xmlText(p.footer)}</oddFooter>`;
          tail += '</headerFooter>';
        }
      }
      return tail + '</worksheet>';
    },
  };
}

/** CSV rows: UTF-8 with BOM (Excel opens it as UTF-8), CRLF line ends. */
export function csvEncoder(): RowEncoder {
  return { head: () => '\ufeff', row: (row) => row.map(csvField).join(',') + '\r\n', tail: () => '' };
}

/** Encoded rows as chunks of about `chunk` characters. */
export async function* encodeRows(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, enc: RowEncoder, chunk = 256 * 1024): AsyncGenerator<Buffer> {
  let buf = enc.head();
  for await (const row of rows) {
    buf += enc.row(row);
    if (buf.length >= chunk) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  buf += enc.tail();
  if (buf) yield Buffer.from(buf, 'utf8');
}

/** The workbook around an already encoded worksheet (see sheetXmlEncoder). */
export function xlsxFromSheetXml(sheet: AsyncIterable<Buffer>, opts: XlsxOptions): AsyncGenerator<Buffer> {
  return xlsxFromSheets([{ opts, xml: sheet }], opts.level);
}

const sheetName = (o: XlsxOptions) => o.sheetName.slice(0, 31);
const quotedSheet = (o: XlsxOptions) => `'${sheetName(o).replace(/'/g, "''")}'`;

/**
 * A workbook of several worksheets, each already encoded (see sheetXmlEncoder). The sheets are
 * read one after the other, in order, as the zip is written: a sheet's XML may be produced
 * lazily (a second pass over the rows starts only when the first sheet is done).
 */
export function xlsxFromSheets(sheets: WorkbookSheet[], level?: number): AsyncGenerator<Buffer> {
  const n = sheets.length;
  const idx = Array.from({ length: n }, (_, i) => i + 1);
  const contentTypes =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    idx.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>';
  const workbookRels =
    XML_HEAD +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    idx.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>';
  const titles = sheets
    .map((s, i) => (s.opts.print?.repeatRows ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(quotedSheet(s.opts))}!$${s.opts.print.repeatRows[0]}:$${s.opts.print.repeatRows[1]}</definedName>` : ''))
    .join('');
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView/></bookViews>` +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlText(sheetName(s.opts))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    (titles ? `<definedNames>${titles}</definedNames>` : '') +
    '</workbook>';
  return zipStream(
    [
      // One sheet without print setup: the parts exactly as before multi-sheet workbooks.
      { name: '[Content_Types].xml', data: Buffer.from(n === 1 ? CONTENT_TYPES : contentTypes) },
      { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
      { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(n === 1 ? WORKBOOK_RELS : workbookRels) },
      { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
      ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
    ],
    { level },
  );
}

/** The workbook as a stream of .xlsx bytes. */
export function xlsxStream(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, opts: XlsxOptions): AsyncGenerator<Buffer> {
  return xlsxFromSheetXml(encodeRows(rows, sheetXmlEncoder(opts)), opts);
}
