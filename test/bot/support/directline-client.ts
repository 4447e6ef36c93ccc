/** A Direct Line 3.0 client over plain fetch, as a script or webchat would talk to the bot server. */
import type { TurnInput } from '../../../bot/engine/index.js';

export interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  attachments?: { contentType: string; content?: { body?: { text?: string }[]; actions?: { title: string; data: { choice: string } }[] } }[];
}

export class DirectLineClient {
  watermark = '';
  constructor(readonly base: string, public token: string, readonly conversationId: string) {}

  static async start(serverUrl: string): Promise<DirectLineClient> {
    const base = `${serverUrl.replace(/\/$/, '')}/v3/directline`;
    const g = await (await fetch(`${base}/tokens/generate`, { method: 'POST' })).json() as { token: string; conversationId: string };
    const res = await fetch(`${base}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${g.token}` } });
    if (res.status !== 201) throw new Error(`start conversation: ${res.status}`);
    const c = new DirectLineClient(base, g.token, g.conversationId);
    await c.poll(); // the welcome
    return c;
  }

  /** The same conversation on another server address (after a restart, or another instance): the transcript is
   *  the store's, so the client goes on from its watermark. */
  moved(serverUrl: string): DirectLineClient {
    const c = new DirectLineClient(`${serverUrl.replace(/\/$/, '')}/v3/directline`, this.token, this.conversationId);
    c.watermark = this.watermark;
    return c;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
  }

  async poll(): Promise<DlActivity[]> {
    const res = await fetch(`${this.base}/conversations/${this.conversationId}/activities?watermark=${encodeURIComponent(this.watermark)}`, { headers: this.headers() });
    if (!res.ok) throw new Error(`poll: ${res.status}`);
    const body = await res.json() as { activities: DlActivity[]; watermark: string };
    this.watermark = body.watermark;
    return body.activities;
  }

  /** Posts one turn and returns the bot's answers to it. */
  async send(input: string | TurnInput): Promise<DlActivity[]> {
    const i = typeof input === 'string' ? { text: input } : input;
    const activity = { type: 'message', from: { id: 'clerk' }, locale: i.locale ?? 'zh-CN', ...(i.text ? { text: i.text } : {}), ...(i.value ? { value: i.value } : {}) };
    const res = await fetch(`${this.base}/conversations/${this.conversationId}/activities`, { method: 'POST', headers: this.headers(), body: JSON.stringify(activity) });
    if (!res.ok) throw new Error(`post: ${res.status}`);
    return (await this.poll()).filter((a) => a.from.role === 'bot' || a.from.id === 'nianbao');
  }
}

/** The readable text of bot activities: message text and card texts with their buttons. */
export function activitiesText(acts: readonly DlActivity[]): string {
  return acts.map((a) => [a.text ?? '', ...(a.attachments ?? []).flatMap((x) => [
    ...(x.content?.body ?? []).map((b) => b.text ?? ''), ...(x.content?.actions ?? []).map((b) => `[${b.title}]`)])].filter(Boolean).join('\n')).join('\n');
}
