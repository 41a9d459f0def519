// Reads a CSV file (a browser File/Blob, or text) into a CsvTable with PapaParse, chunk by chunk.
// Papa's own File reader decodes each byte slice on its own, so a character split across two slices becomes
// U+FFFD; here one streaming TextDecoder decodes the bytes and Papa reads the text through its stream interface.
// The same path serves a Blob in the worker, a Blob in Node (`fs.openAsBlob`) and a string.
import Papa from 'papaparse';
import { CsvTableBuilder, DELIMITERS, MAX_CSV_BYTES, csvSizeProblem, type CsvTableResult, type Delimiter } from './csv-table';

export type CsvRead = CsvTableResult;

export interface ReadCsvOptions {
  /** Told the share of the input read so far (bytes of a Blob, characters of a string), 0..1. */
  onProgress?: (fraction: number) => void;
  /** Bytes (or characters) read at a time; default 1 MiB. */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1024 * 1024;
// Papa guesses the delimiter from the first chunk's first ten rows: make sure it holds them.
const GUESS_ROWS = 10;
const GUESS_CHARS = 64 * 1024;

/**
 * Which of `,`, `;` and tab splits the first rows most consistently (Papa's guess, with blank lines ignored, since
 * Papa counts them as one-field rows). When none does (a broken quote, one column), the one the header line
 * holds most of; `,` when it holds none.
 */
export function guessDelimiter(sample: string): Delimiter {
  const head = sample.slice(0, GUESS_CHARS);
  const guess = Papa.parse<string[]>(head, { delimitersToGuess: [...DELIMITERS], skipEmptyLines: 'greedy', preview: GUESS_ROWS });
  const found = guess.meta.delimiter as Delimiter;
  if (!guess.errors.some((e) => e.code === 'UndetectableDelimiter') && DELIMITERS.includes(found)) return found;
  const headerLine = head.split('\n').find((line) => line.trim() !== '') ?? '';
  const count = (d: Delimiter) => headerLine.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), ',' as Delimiter);
}

type Listener = (arg?: unknown) => void;

/** Just enough of a Node readable stream for Papa's stream reader: we push decoded text into it. */
class TextStream {
  readonly readable = true;
  private readonly listeners = new Map<string, Listener[]>();
  read(): null {
    return null;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  pause(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  emit(event: string, arg?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(arg);
  }
}

/** UTF-8 bytes of a string, counted without encoding it. O(length). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The input as text pieces with how much of it each piece ends at; one decoder, so no character is split. */
async function* decodedPieces(input: string | Blob, chunkSize: number): AsyncGenerator<{ text: string; done: number; total: number }> {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + chunkSize, text.length);
      // Keep a surrogate pair together.
      const last = text.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
      yield { text: text.slice(start, end), done: end, total: text.length };
      start = end;
    }
    return;
  }
  // The default decoder drops a UTF-8 byte-order mark and reads invalid bytes as U+FFFD rather than failing.
  const decoder = new TextDecoder('utf-8');
  for (let start = 0; start < input.size; start += chunkSize) {
    const end = Math.min(start + chunkSize, input.size);
    const bytes = await input.slice(start, end).arrayBuffer();
    yield { text: decoder.decode(bytes, { stream: end < input.size }), done: end, total: input.size };
  }
}

/**
 * The pieces with every line break (CRLF, CR, LF) written as LF, a CR at a piece's end held for the next piece.
 * Papa takes one line break for a whole file from its start, so a file that mixes them would otherwise run
 * rows together. Each break still counts as one line.
 */
async function* textPieces(input: string | Blob, chunkSize: number): AsyncGenerator<{ text: string; done: number; total: number }> {
  let heldCr = false;
  for await (const piece of decodedPieces(input, chunkSize)) {
    let text: string = (heldCr ? '\r' : '') + piece.text;
    heldCr = text.endsWith('\r') && piece.done < piece.total;
    if (heldCr) text = text.slice(0, -1);
    yield { ...piece, text: text.replace(/\r\n?/g, '\n') };
  }
}

const NOT_TEXT =
  'This is not a text CSV file (it contains NUL characters): it may be a spreadsheet (.xlsx) or a UTF-16 text file. ' +
  'Save it from your spreadsheet as "CSV UTF-8" and import that.';

/**
 * Reads a CSV file or text into a table (see CsvTableBuilder for the rules), or says why it cannot be used.
 * A Blob over MAX_CSV_BYTES is refused before reading. O(input) time; memory is the table plus one chunk.
 */
export async function readCsv(input: string | Blob, options: ReadCsvOptions = {}): Promise<CsvRead> {
  const size = typeof input === 'string' ? (input.length > MAX_CSV_BYTES / 3 ? utf8Bytes(input) : input.length) : input.size;
  const tooBig = csvSizeProblem(size);
  if (tooBig) return { ok: false, error: tooBig };
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  const { onProgress } = options;

  let builder: CsvTableBuilder | null = null;
  let stopped = false;
  let failure: unknown = null;
  const stream = new TextStream();
  Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream, {
    delimiter: guessDelimiter,
    newline: '\n',
    dynamicTyping: false,
    skipEmptyLines: false,
    header: false,
    chunk: (results, parser) => {
      builder ??= new CsvTableBuilder(results.meta.delimiter as Delimiter);
      const lines = results.data.map((fields) => builder!.add(fields));
      const quote = results.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        const line = lines[Math.min(quote.row ?? 0, lines.length - 1)] ?? 1;
        builder.refuse(`The quoted field on line ${line} is not closed properly: a " opens it, but no matching " ends it before the next delimiter or line end.`);
      }
      if (builder.error !== null) {
        stopped = true;
        parser.abort();
      }
    },
    complete: () => {
      stopped = true;
    },
    error: (error: unknown) => {
      failure = error;
      stopped = true;
    },
  });

  // The first piece holds enough rows for Papa's delimiter guess.
  let first = '';
  let firstSent = false;
  const send = (text: string) => {
    if (text.includes('\u0000')) {
      builder ??= new CsvTableBuilder(',');
      builder.refuse(NOT_TEXT);
      stopped = true;
      return;
    }
    if (text !== '') stream.emit('data', text);
  };
  for await (const piece of textPieces(input, chunkSize)) {
    if (stopped) break;
    onProgress?.(piece.done / piece.total);
    if (!firstSent) {
      first += piece.text;
      if (piece.done < piece.total && first.length < GUESS_CHARS && (first.match(/\n/g)?.length ?? 0) <= GUESS_ROWS) continue;
      firstSent = true;
      send(first);
    } else send(piece.text);
  }
  if (!firstSent && !stopped) send(first);
  if (!stopped) stream.emit('end');
  if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
  onProgress?.(1);
  return (builder ?? new CsvTableBuilder(',')).finish();
}
