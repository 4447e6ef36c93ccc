/**
 * The channel between pdf.js's display side and its worker side when both run in one thread (the PDF thread). The
 * channel pdf.js makes for that itself (LoopbackPort) copies every message with structuredClone, as a message to a
 * real worker would be copied; for the text of a report that copying was 6 % of the time. Here nothing else holds
 * the messages and neither side changes one after sending it (the worker side's text chunk did, and is sent as an
 * object of its own since pdfjs-patches.ts), so a message is handed over as it is: delivered in order, a microtask
 * later, to the other end's listeners — as LoopbackPort delivers.
 */
type Listener = (this: DirectPort, event: { data: unknown }) => void;

export class DirectPort {
  private readonly listeners = new Set<Listener>();
  private peer: DirectPort = this;
  private readonly delivered = Promise.resolve();

  /** Two ends: what one posts, the other's listeners get. */
  static pair(): [DirectPort, DirectPort] {
    const a = new DirectPort();
    const b = new DirectPort();
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  /** `transfer` is ignored: nothing is copied, so nothing needs moving. */
  postMessage(data: unknown, _transfer?: unknown): void {
    const to = this.peer;
    void this.delivered.then(() => {
      for (const listener of to.listeners) listener.call(to, { data });
    });
  }

  addEventListener(type: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    if (type !== 'message' || options?.signal?.aborted) return;
    this.listeners.add(listener);
    options?.signal?.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type === 'message') this.listeners.delete(listener);
  }

  terminate(): void {
    this.listeners.clear();
  }
}
