// Spreadsheets in and out for the province page (issue 16). CSV is handled here; .xlsx through two small
// maintained libraries (read-excel-file, write-excel-file: prebuilt browser bundles served from
// node_modules at /vendor/), imported only when a sheet is actually opened or written, so the page and the
// core module load nothing extra until then.

const READ_XLSX = "/vendor/read-excel-file/read-excel-file.min.js";
const WRITE_XLSX = "/vendor/write-excel-file/write-excel-file.min.js";

let reader = null;
let writer = null;
/** The UMD bundles set a global when imported as modules (`this` is undefined there, so they use globalThis). */
async function readXlsx() {
  if (!reader) reader = import(READ_XLSX).then(() => globalThis.readXlsxFile);
  return reader;
}
async function writeXlsx() {
  if (!writer) writer = import(WRITE_XLSX).then(() => globalThis.writeXlsxFile);
  return writer;
}

/**
 * Bytes of a CSV file → text. UTF-8 first (strict: a single bad sequence fails), then GBK/GB18030, which
 * is what Excel and WPS on Chinese Windows write for “CSV”. A UTF-8 byte-order mark is dropped.
 */
export function decodeCsv(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text, encoding;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(u8);
    encoding = "utf-8";
  } catch {
    text = new TextDecoder("gb18030").decode(u8);
    encoding = "gb18030";
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); a tab-separated sheet is read too. */
export function parseCsv(text) {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  const rows = [];
  let row = [], cell = "", quoted = false, i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else cell += c;
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const csvCell = (v) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows → CSV text with a UTF-8 byte-order mark (so Excel on Chinese Windows reads the Chinese), CRLF. */
export function toCsv(rows) {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A spreadsheet cell as the engine's `fromTable` takes it: dates as YYYY-MM-DD text. */
function plainCell(v) {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return v === undefined ? null : v;
}

/** A File (or Blob with a name) → { rows, format, encoding? }. */
export async function readSheetFile(file) {
  const name = String(file.name || "").toLowerCase();
  if (name.endsWith(".csv") || name.endsWith(".txt") || file.type === "text/csv") {
    const { text, encoding } = decodeCsv(await file.arrayBuffer());
    return { rows: parseCsv(text), format: "csv", encoding };
  }
  if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
    const read = await readXlsx();
    const sheets = await read(file);
    const first = Array.isArray(sheets) ? sheets[0] : null;
    const data = first && Array.isArray(first.data) ? first.data : Array.isArray(sheets) ? sheets : [];
    return { rows: data.map((r) => (Array.isArray(r) ? r.map(plainCell) : [])), format: "xlsx" };
  }
  throw Object.assign(new Error("unsupported"), { unsupported: true });
}

/** Rows (first row the headers, written bold) → an .xlsx Blob. */
export async function xlsxBlob(rows, { sheet = "Sheet1", widths } = {}) {
  const write = await writeXlsx();
  const data = rows.map((r, i) => r.map((v) => {
    if (v === null || v === undefined || v === "") return null;
    const cell = { value: v };
    if (i === 0) cell.fontWeight = "bold";
    return cell;
  }));
  const columns = widths ? widths.map((w) => ({ width: w })) : undefined;
  return write(data, { sheet, columns }).toBlob();
}

export function csvBlob(rows) {
  return new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" });
}

/** Offer a Blob as a download (nothing leaves the browser). */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function saveRows(rows, baseName, format, opts) {
  if (format === "xlsx") download(await xlsxBlob(rows, opts), baseName + ".xlsx");
  else download(csvBlob(rows), baseName + ".csv");
}
