/**
 * Download links: `/files/<signed token>` serves the .docx of the draft version the link names (kept by the turn
 * that made the link), until the link expires — not whatever the draft became since.
 */
import type { ServerResponse } from 'node:http';
import type { Store } from '../store/index.js';
import { HttpError } from './http.js';
import type { Signer } from './signed.js';

const PURPOSE = 'download';

interface LinkClaims { d: string; v: number; f: string; exp: number }

export class DownloadLinks {
  constructor(
    private readonly signer: Signer,
    private readonly baseUrl: string,
    readonly hours = 24,
    private readonly now: () => number = Date.now,
  ) {}

  link(draftId: string, version: number, fileName: string): string {
    const token = this.signer.sign(PURPOSE, { d: draftId, v: version, f: fileName, exp: this.now() + this.hours * 3600_000 });
    return `${this.baseUrl.replace(/\/$/, '')}/files/${token}`;
  }

  async serve(res: ServerResponse, token: string, store: Store): Promise<void> {
    const claims = this.signer.verify<LinkClaims>(PURPOSE, token, this.now());
    if (!claims) throw new HttpError(404, '下载链接无效或已过期，请在对话中重新发送「完成」获取新链接');
    const draft = await store.loadDraftVersion(claims.d, claims.v);
    if (!draft) throw new HttpError(404, '找不到这份草稿的这一版本，请在对话中重新发送「完成」获取新链接');
    // loaded on the first download, not at start-up (the docx package is large)
    const { renderReportDocx } = await import('../../shared/render/docx.js');
    // a draft's file (named 「…（草稿）.docx」 by the engine) is marked 草稿 on every page
    const bytes = await renderReportDocx(draft, { draft: /（草稿）(?:\.docx)?$/u.test(claims.f) });
    const name = /\.docx$/i.test(claims.f) ? claims.f : `${claims.f}.docx`;
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'content-length': bytes.length,
      'cache-control': 'private, no-store',
    });
    res.end(bytes);
  }
}
