/** What the channel layer itself says (zh-CN); the interview's wording lives in bot/engine/texts.ts. */
export const CT = {
  welcome: '您好！我是年报助手，帮您一问一答地填写《政府信息公开工作年度报告》。发送「你好」开始，随时发送「帮助」查看指令。',
  choose: '请回复序号或选项文字。',
  download: (name: string, url: string, hours: number) =>
    `${name.includes('（草稿）') ? '草稿已生成（每页标有“草稿”，不可发布）' : '报告已生成'}：[${name}](${url})\n\n下载链接 ${hours} 小时内有效，请及时保存。`,
  previewSummary: '报告预览',
  previewCut: '……（预览过长，已截断；完整内容请下载报告）',
  failed: '抱歉，处理这条消息时出错了，您的已保存回答不受影响。请稍后再试，或发送「进度」查看当前位置。',
  attachmentRefused: (name: string) => `文件「${name}」来自不受信任的地址，未读取。`,
  attachmentTooBig: (name: string, mb: number) => `文件「${name}」超过 ${mb} MB，未读取。`,
  attachmentFailed: (name: string) => `文件「${name}」下载失败，请重新发送。`,
  localOnly: (url: string) => `未配置 MicrosoftAppId：只在本机 ${url} 上提供服务（127.0.0.1），其他电脑无法访问。`,
  listening: (url: string) => `年报助手已启动：${url}`,
  teamsEndpoint: (url: string) => `Teams / Azure Bot Service 消息端点：${url}api/messages（要求 Bot Framework 身份令牌）`,
  pageTitle: '年报助手 · 政府信息公开工作年度报告',
} as const;
