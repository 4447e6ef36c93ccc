// A stand-in for the PDF thread's entry (shared/import/pdf/worker.ts) in the PdfThread tests: what it does is
// named by the file's text — "hang" never answers, "crash" ends the thread, "oom" allocates without end, anything
// else comes back as the text read, followed by how many files this thread has been sent.
import { parentPort } from 'node:worker_threads';

let files = 0;

parentPort.on('message', (bytes) => {
  files++;
  const text = new TextDecoder().decode(bytes);
  if (text === 'hang') return;
  if (text === 'crash') process.exit(3);
  if (text === 'oom') {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  }
  parentPort.postMessage({ ok: true, text: `${text}#${files}`, pages: 1 });
});
