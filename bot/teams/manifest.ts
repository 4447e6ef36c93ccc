/** The Teams app manifest (schema v1.17) for the bot, from the bot's app id and public address. */
import { ACCENT } from './icons.js';

export const MANIFEST_VERSION = '1.17';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export interface TeamsAppOptions {
  /** The bot's Microsoft App ID (Azure Bot registration), a GUID. */
  appId: string;
  /** https address the bot is reached at (NIANBAO_PUBLIC_URL); its host goes to validDomains. */
  publicUrl: string;
  version?: string;
  developerName?: string;
}

const COMMANDS: [string, string][] = [
  ['帮助', '查看全部指令'],
  ['进度', '已填写和尚未填写的部分'],
  ['预览', '在对话中预览整份报告'],
  ['上一题', '回到上一个问题'],
  ['跳过', '先跳过这个问题'],
  ['暂停', '暂停，稍后接着填'],
  ['完成', '检查并生成 Word 报告'],
  ['重新开始', '放弃当前进度，重新开始'],
  ['共享', '与同事一起填写：得到共享码，或「共享 @同事」直接邀请'],
  ['历史', '谁在什么时间填写了什么'],
];

export function teamsManifest(o: TeamsAppOptions): Record<string, unknown> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.appId)) throw new Error(`MicrosoftAppId “${o.appId}”不是 GUID`);
  const url = new URL(o.publicUrl);
  if (url.protocol !== 'https:') throw new Error('NIANBAO_PUBLIC_URL 必须是 https 地址（Teams 只访问 https）');
  const base = url.href.replace(/\/$/, '');
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: o.version ?? '1.0.0',
    id: o.appId,
    developer: {
      name: o.developerName ?? '年报助手',
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/`,
      termsOfUseUrl: `${base}/`,
    },
    name: { short: '年报助手', full: '年报助手：政府信息公开工作年度报告' },
    description: {
      short: '一问一答填写政府信息公开工作年度报告',
      full: '年报助手按国家规定格式，一问一答地引导填写《政府信息公开工作年度报告》：正文逐部分提问并检查，表格逐行填写并核对勾稽关系，最后生成正式版式的 Word 报告。每个回答即时保存，可随时暂停、接着填。',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [{
      botId: o.appId,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: true,
      isNotificationOnly: false,
      commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands: COMMANDS.map(([title, description]) => ({ title, description })) }],
    }],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [url.host],
    localizationInfo: { defaultLanguageTag: 'zh-cn' },
  };
}
