/**
 * Activities ↔ the engine: an incoming message becomes a `TurnInput` (mentions stripped, card data, attachments
 * fetched only from allowed hosts); the engine's `Reply[]` become outgoing activities (Adaptive Cards where the
 * channel draws them, numbered text otherwise; downloads as expiring links).
 */
import type { Activity, Attachment } from 'botbuilder';
import type { Reply, TurnInput } from '../engine/index.js';
import { CT } from './texts.js';

/** Channels that draw Adaptive Cards with Action.Submit. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

/** Channels that get the report preview as a card rather than Markdown. */
const REPORT_CARD_CHANNELS = new Set(['msteams']);

export function supportsCards(channelId: string): boolean {
  return CARD_CHANNELS.has(channelId);
}

/**
 * Removes `<at>…</at>` mentions (Teams group chats and channels) and the spaces around them. Line breaks and tabs
 * stay: they are the clerk's paragraphs and the columns of a pasted table.
 */
export function stripMentions(text: string): string {
  return text.replace(/<at[^>]*>[\s\S]*?<\/at>/gi, ' ').replace(/&nbsp;/g, ' ').replace(/\r\n?/g, '\n')
    .replace(/[^\S\n\t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

export interface AttachmentPolicy {
  /** Host patterns files may be fetched from: `files.example.org`, `*.sharepoint.com`. */
  readonly hosts: readonly string[];
  readonly maxBytes: number;
  readonly fetch?: typeof fetch;
}

export function hostAllowed(url: string, patterns: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'))) return false;
  const host = u.hostname.toLowerCase();
  return patterns.some((p) => {
    const q = p.toLowerCase();
    return q.startsWith('*.') ? host.endsWith(q.slice(1)) && host.length > q.length - 1 : host === q;
  });
}

type Fetched = { ok: true; file: NonNullable<TurnInput['attachments']>[number] } | { ok: false; notice: string };

function decodeDataUrl(url: string): Uint8Array | undefined {
  const m = /^data:[^,]*;base64,(.*)$/s.exec(url);
  return m ? new Uint8Array(Buffer.from(m[1]!, 'base64')) : undefined;
}

async function fetchAttachment(a: Attachment, policy: AttachmentPolicy): Promise<Fetched | undefined> {
  const name = a.name ?? '附件';
  // Teams: a file the user sent in a personal chat arrives as a download-info card with a pre-authorised URL.
  const teamsFile = a.contentType === 'application/vnd.microsoft.teams.file.download.info'
    ? (a.content as { downloadUrl?: string; fileType?: string } | undefined) : undefined;
  const url = teamsFile?.downloadUrl ?? a.contentUrl;
  if (!url) return undefined; // cards and inline content are not files
  const contentType = teamsFile ? (teamsFile.fileType === 'json' ? 'application/json' : 'application/octet-stream') : a.contentType;
  if (url.startsWith('data:')) {
    const bytes = decodeDataUrl(url);
    if (!bytes) return { ok: false, notice: CT.attachmentFailed(name) };
    if (bytes.length > policy.maxBytes) return { ok: false, notice: CT.attachmentTooBig(name, Math.round(policy.maxBytes / 2 ** 20)) };
    return { ok: true, file: { name, contentType, bytes } };
  }
  if (!hostAllowed(url, policy.hosts)) return { ok: false, notice: CT.attachmentRefused(name) };
  try {
    const res = await (policy.fetch ?? fetch)(url, { redirect: 'error', signal: AbortSignal.timeout(15_000) });
    if (!res.ok || !res.body) return { ok: false, notice: CT.attachmentFailed(name) };
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > policy.maxBytes) return { ok: false, notice: CT.attachmentTooBig(name, Math.round(policy.maxBytes / 2 ** 20)) };
      chunks.push(chunk);
    }
    return { ok: true, file: { name, contentType, bytes: new Uint8Array(Buffer.concat(chunks)) } };
  } catch {
    return { ok: false, notice: CT.attachmentFailed(name) };
  }
}

/** An incoming message as the engine's input, plus notices about files that were not read. */
export async function toTurnInput(activity: Partial<Activity>, policy: AttachmentPolicy): Promise<{ input: TurnInput; notices: string[] }> {
  const input: TurnInput = {};
  const text = activity.text ? stripMentions(activity.text) : '';
  if (text) input.text = text;
  if (activity.value && typeof activity.value === 'object' && !Array.isArray(activity.value)) input.value = activity.value as Record<string, unknown>;
  // The clerk's client locale (often en-US) says nothing about how to read the answers: always zh-CN.
  if (activity.locale) input.locale = activity.locale;
  const notices: string[] = [];
  for (const a of activity.attachments ?? []) {
    const got = await fetchAttachment(a, policy);
    if (!got) continue;
    if (got.ok) (input.attachments ??= []).push(got.file);
    else notices.push(got.notice);
  }
  return { input, notices };
}

export interface ReplyContext {
  readonly channelId: string;
  /** A link for a download reply: the server signs it. */
  link(draftId: string, version: number, fileName: string): string;
  readonly linkHours: number;
  /** Longest message text the channel takes. */
  readonly maxText?: number;
}

function choicesCard(text: string, choices: readonly { title: string; value: string }[]): Attachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.3',
      body: [{ type: 'TextBlock', text, wrap: true }],
      actions: choices.map((c) => ({ type: 'Action.Submit', title: c.title, data: { choice: c.value } })),
    },
  };
}

export function toActivities(replies: readonly Reply[], ctx: ReplyContext): Partial<Activity>[] {
  const cards = supportsCards(ctx.channelId);
  const max = ctx.maxText ?? 24_000;
  const message = (text: string): Partial<Activity> => ({ type: 'message', textFormat: 'markdown', text });
  return replies.map((r): Partial<Activity> => {
    switch (r.type) {
      case 'text':
        return message(r.text);
      case 'choices':
        if (cards) return { type: 'message', text: '', attachments: [choicesCard(r.text, r.choices)], summary: r.text };
        return message(`${r.text}\n\n${r.choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n')}\n\n${CT.choose}`);
      case 'preview':
        // Teams draws Markdown roughly (no tables): there the report goes as an Adaptive Card
        if (r.card && REPORT_CARD_CHANNELS.has(ctx.channelId)) {
          return { type: 'message', text: '', summary: CT.previewSummary, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: r.card }] };
        }
        return message(r.markdown.length > max ? `${r.markdown.slice(0, max)}\n\n${CT.previewCut}` : r.markdown);
      case 'download':
        return message(CT.download(r.fileName, ctx.link(r.draftId, r.version, r.fileName), ctx.linkHours));
      default: {
        const never: never = r;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  });
}
