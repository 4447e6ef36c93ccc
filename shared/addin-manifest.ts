/**
 * The Excel add-in's XML manifest for one deployment, as data → text (no I/O): every URL under one base, a version,
 * zh-CN strings with an en-US override for the ribbon and the store texts. `nianbao manifest` writes it, the add-in
 * server serves it for the port it runs on, and the checked-in manifest.xml is its output for https://localhost:3000/.
 * Kept to VersionOverrides V1_0 so Microsoft's XSDs (../shared/schemas) validate it offline; the task pane id
 * `Office.AutoShowTaskpaneWithDocument` lets a workbook tagged by the pane reopen the pane with itself.
 */

/** Every icon size the manifest names or the ribbon asks for (16/32/80 required, 20/24/40/48/64 optional, 128 store). */
export const ADDIN_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128] as const;
/** Sizes the ribbon button lists (bt:Image allows 16, 20, 24, 32, 40, 48, 64, 80). */
const RIBBON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80] as const;

export const ADDIN_ID = 'df2d068a-3715-4630-82fc-1bb2fb40f691';
/** The pane's id in the manifest: the one Office reopens with a document that asks for it (see README). */
export const AUTO_SHOW_TASKPANE_ID = 'Office.AutoShowTaskpaneWithDocument';

export interface ManifestOptions {
  /** https://host/path/ — the folder that serves taskpane.html, help.html and assets/. */
  baseUrl: string;
  /** Four-part version, e.g. '0.1.2503.41234'. */
  version: string;
  /**
   * Add a VersionOverrides 1.1 part that runs the pane's page as a shared runtime where Office has SharedRuntime 1.1
   * (checks go on while the pane is closed). Off by default: the offline XSDs know only 1.0, so that part cannot be
   * validated here (the rest still is).
   */
  sharedRuntime?: boolean;
}

/** Texts of the manifest: zh-CN by default, en-US as the override. */
const TEXT = {
  displayName: { zh: '年报助手', en: 'Annual Report Helper' },
  description: {
    zh: '政府信息公开工作年度报告填报助手：插入官方格式的表二、表三、表四，边填边核对勾稽关系，导入上年报告自动衔接。',
    en: 'Fill in the annual report on government information disclosure: insert the official tables 2–4, check totals as you type, carry over last year.',
  },
  group: { zh: '政务公开年报', en: 'Disclosure report' },
  button: { zh: '年报助手', en: 'Report Helper' },
  gettingStarted: { zh: '年报助手已加载', en: 'Annual Report Helper is ready' },
  tooltip: { zh: '打开年报助手：插入标准表格，边填边核对勾稽关系。', en: 'Open the helper: insert the standard tables and check them as you type.' },
  gettingStartedText: {
    zh: '在“开始”选项卡点击“年报助手”，选择报告年度后插入标准表格。',
    en: 'On the Home tab choose Report Helper, pick the report year and insert the standard tables.',
  },
} as const;

/** 'https://host/path' or 'https://host/path/' → 'https://host/path/'; only https (Office loads add-ins over https). */
export function normalizeBaseUrl(raw: string): string | { error: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { error: `“${raw}”不是网址` };
  }
  if (u.protocol !== 'https:') return { error: `加载项必须用 https 提供，实为“${u.protocol.replace(/:$/, '')}”` };
  if (u.search || u.hash) return { error: '网址不能带 ? 或 # 部分' };
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

/**
 * A version that is newer on every run: major.minor of the package, days since 2020-01-01, and half-seconds of the
 * day (Office caches an add-in by id and version; each part ≤ 65535 as the schema's five digits allow).
 */
export function freshVersion(packageVersion: string, now = new Date()): string {
  const [major = '0', minor = '0'] = packageVersion.split('.');
  const day = Math.floor((now.getTime() - Date.UTC(2020, 0, 1)) / 86_400_000);
  const half = Math.floor((now.getUTCHours() * 3600 + now.getUTCMinutes() * 60 + now.getUTCSeconds()) / 2);
  return `${Number(major)}.${Number(minor)}.${day}.${half}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** <X DefaultValue="zh"><Override Locale="en-US" Value="en"/></X> */
function localized(tag: string, t: { zh: string; en: string }, attrs = '', indent = ''): string {
  return `${indent}<${tag}${attrs} DefaultValue="${esc(t.zh)}">\n${indent}  <${tag.startsWith('bt:') ? 'bt:' : ''}Override Locale="en-US" Value="${esc(t.en)}"/>\n${indent}</${tag}>`;
}

export function addinManifest(options: ManifestOptions): string {
  const base = normalizeBaseUrl(options.baseUrl);
  if (typeof base !== 'string') throw new RangeError(base.error);
  if (!/^\d{1,5}(\.\d{1,5}){3}$/.test(options.version)) throw new RangeError(`版本号应为四段数字，实为“${options.version}”`);
  const url = (p: string) => esc(new URL(p, base).href);
  const origin = new URL(base).origin;
  const icon = (size: number) => url(`assets/icon-${size}.png`);
  const images = (indent: string) => RIBBON_SIZES.map((s) => `${indent}<bt:Image size="${s}" resid="Nianbao.Icon.${s}"/>`).join('\n');
  const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');
  const hosts = (runtimes: string) => `    <Hosts>
      <Host xsi:type="Workbook">${runtimes}
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="Nianbao.GetStarted.Title"/>
            <Description resid="Nianbao.GetStarted.Description"/>
            <LearnMoreUrl resid="Nianbao.Help.Url"/>
          </GetStarted>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="Nianbao.Group">
                <Label resid="Nianbao.Group.Label"/>
                <Icon>
${images('                  ')}
                </Icon>
                <Control xsi:type="Button" id="Nianbao.TaskpaneButton">
                  <Label resid="Nianbao.Button.Label"/>
                  <Supertip>
                    <Title resid="Nianbao.Button.Label"/>
                    <Description resid="Nianbao.Button.Tooltip"/>
                  </Supertip>
                  <Icon>
${images('                    ')}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>${AUTO_SHOW_TASKPANE_ID}</TaskpaneId>
                    <SourceLocation resid="Nianbao.Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>`;
  const resources = `    <Resources>
      <bt:Images>
${RIBBON_SIZES.map((s) => `        <bt:Image id="Nianbao.Icon.${s}" DefaultValue="${icon(s)}"/>`).join('\n')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Nianbao.Taskpane.Url" DefaultValue="${url('taskpane.html')}"/>
        <bt:Url id="Nianbao.Help.Url" DefaultValue="${url('help.html')}"/>
      </bt:Urls>
      <bt:ShortStrings>
${localized('bt:String', TEXT.group, ' id="Nianbao.Group.Label"', '        ')}
${localized('bt:String', TEXT.button, ' id="Nianbao.Button.Label"', '        ')}
${localized('bt:String', TEXT.gettingStarted, ' id="Nianbao.GetStarted.Title"', '        ')}
      </bt:ShortStrings>
      <bt:LongStrings>
${localized('bt:String', TEXT.tooltip, ' id="Nianbao.Button.Tooltip"', '        ')}
${localized('bt:String', TEXT.gettingStartedText, ' id="Nianbao.GetStarted.Description"', '        ')}
      </bt:LongStrings>
    </Resources>`;
  const sharedRuntimePart = `    <!-- Where Office has SharedRuntime 1.1, the pane's page runs as a shared runtime that stays alive while the pane
         is closed, so the checks go on; older Office reads only the 1.0 part above (checks pause while the pane is closed). -->
    <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides/1.1" xsi:type="VersionOverridesV1_1">
      <Requirements>
        <bt:Sets DefaultMinVersion="1.1">
          <bt:Set Name="SharedRuntime" MinVersion="1.1"/>
        </bt:Sets>
      </Requirements>
${indent(hosts(`
          <Runtimes>
            <Runtime resid="Nianbao.Taskpane.Url" lifetime="long"/>
          </Runtimes>`), '  ')}
${indent(resources, '  ')}
    </VersionOverrides>
`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 年报助手 Excel 加载项清单，由“nianbao manifest”为 ${esc(base)} 生成；部署到别处时重新生成，不要手改。 -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
           xsi:type="TaskPaneApp">
  <Id>${ADDIN_ID}</Id>
  <Version>${options.version}</Version>
  <ProviderName>nianbao</ProviderName>
  <DefaultLocale>zh-CN</DefaultLocale>
${localized('DisplayName', TEXT.displayName, '', '  ')}
${localized('Description', TEXT.description, '', '  ')}
  <IconUrl DefaultValue="${icon(64)}"/>
  <HighResolutionIconUrl DefaultValue="${icon(128)}"/>
  <SupportUrl DefaultValue="${url('help.html')}"/>
  <AppDomains>
    <AppDomain>${esc(origin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.12"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${url('taskpane.html')}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
${hosts('')}
${resources}
${options.sharedRuntime ? sharedRuntimePart : ''}  </VersionOverrides>
</OfficeApp>
`;
}

/** The version a manifest carries (to regenerate it unchanged). */
export function manifestVersion(xml: string): string | undefined {
  return /<Version>([\d.]+)<\/Version>/.exec(xml)?.[1];
}
