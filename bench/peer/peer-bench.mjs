// Drives VS Code's Markdown language server (vscode-markdown-languageserver) over stdio the way VS Code does: the
// server asks its client to parse (`markdown/parse`), and the client answers with markdown-it's tokens. File-system
// and workspace requests are answered emptily. Prints one JSON object of timings (ms) and RSS (bytes) on stdout.
//
//   node peer-bench.mjs '{"decks":{"1000":"/tmp/a.md","10000":"/tmp/b.md"},"large":"10000","small":"1000",
//                         "keystrokes":20,"smallKeystrokes":50,"opens":3,"memoryEdits":50}'
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';

const require = createRequire(import.meta.url);
const options = JSON.parse(process.argv[2]);
const serverMain = require.resolve('vscode-markdown-languageserver');
// VS Code's engine: markdown-it with HTML allowed (its plugins only add render rules and slugs).
const md = new MarkdownIt({ html: true, linkify: true });
const texts = new Map();
const now = () => Number(process.hrtime.bigint()) / 1e6;

const server = spawn(process.execPath, [serverMain, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
server.stderr.on('data', () => {});
let nextId = 1;
const pending = new Map();
let buffer = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ id, method, params });
  });
}

const notify = (method, params) => send({ method, params });

function answer(message) {
  let result = null;
  switch (message.method) {
    case 'markdown/parse': {
      const text = message.params.text ?? texts.get(message.params.uri) ?? '';
      result = md.parse(text, {});
      break;
    }
    case 'markdown/findMarkdownFilesInWorkspace':
    case 'markdown/fs/readDirectory':
      result = [];
      break;
    case 'workspace/configuration':
      result = (message.params.items ?? []).map(() => null);
      break;
    default:
      result = null;
  }
  send({ id: message.id, result });
}

server.stdout.on('data', chunk => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.subarray(end + 4 + length);
    if (message.method && message.id !== undefined) {
      answer(message);
    } else if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
    }
  }
});

function rss() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) * 1024;
}

function lineCol(text, offset) {
  let line = 0, start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, character: offset - start };
}

// The same keystroke as the DeckLsp bench: one character into, then out of, the question of the middle card.
function keystrokeAt(text) {
  const at = text.indexOf('\nQ: ', Math.floor(text.length / 2)) + 4;
  return at;
}

let version = 1;
function type(uri, at, insert) {
  const text = texts.get(uri);
  const position = lineCol(text, at);
  const next = insert ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  const range = insert ? { start: position, end: position } : { start: position, end: { line: position.line, character: position.character + 1 } };
  texts.set(uri, next);
  notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const p95 = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
const summary = xs => ({ median: median(xs), p95: p95(xs), n: xs.length });

async function main() {
  await request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: {}, initializationOptions: {} });
  notify('initialized', {});
  const result = { version: require('vscode-markdown-languageserver/package.json').version };

  // Open: didOpen → documentSymbol answered (the first parse happens there; the peer publishes no diagnostics).
  const large = readFileSync(options.decks[options.large], 'utf8');
  const opens = [];
  for (let i = 0; i < options.opens; i++) {
    const uri = `file:///bench/open-${i}.md`;
    texts.set(uri, large);
    const start = now();
    notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: large } });
    await request('textDocument/documentSymbol', { textDocument: { uri } });
    opens.push(now() - start);
    notify('textDocument/didClose', { textDocument: { uri } });
    texts.delete(uri);
  }
  result.open = summary(opens);

  for (const [size, count, key] of [[options.small, options.smallKeystrokes, 'small'], [options.large, options.keystrokes, 'large']]) {
    const uri = `file:///bench/deck-${size}.md`;
    const text = readFileSync(options.decks[size], 'utf8');
    texts.set(uri, text);
    notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: ++version, text } });
    await request('textDocument/documentSymbol', { textDocument: { uri } });
    const at = keystrokeAt(text);
    const symbols = [], folding = [];
    for (let i = 0; i < count; i++) {
      let start = now();
      type(uri, at, i % 2 === 0);
      await request('textDocument/documentSymbol', { textDocument: { uri } });
      symbols.push(now() - start);
      start = now();
      type(uri, at, i % 2 !== 0);
      await request('textDocument/foldingRange', { textDocument: { uri } });
      folding.push(now() - start);
    }
    result[`${key}KeystrokeSymbols`] = summary(symbols);
    result[`${key}KeystrokeFolding`] = summary(folding);
    if (key === 'large') {
      for (let i = 0; i < options.memoryEdits; i++) {
        type(uri, at, i % 2 === 0);
        await request('textDocument/documentSymbol', { textDocument: { uri } });
      }
      result.rssAfterEdits = rss();
      result.memoryEdits = options.memoryEdits + 2 * count;
    }
    notify('textDocument/didClose', { textDocument: { uri } });
  }

  await request('shutdown', null);
  notify('exit', null);
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(0), 200);
}

main().catch(error => { console.error(error); server.kill(); process.exit(1); });
