/** The PDF thread (thread.ts starts it): reads each PDF it is sent and sends back the text, one at a time. */
import { parentPort } from 'node:worker_threads';
import { extractPdf, type PdfRead } from './extract.js';

const port = parentPort!;
port.on('message', (bytes: Uint8Array) => {
  extractPdf(bytes).then(
    (result) => port.postMessage(result),
    () => port.postMessage({ ok: false, reason: 'pdf-corrupt' } satisfies PdfRead),
  );
});
