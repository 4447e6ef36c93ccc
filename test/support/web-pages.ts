/**
 * Web pages as a browser saves them, built around a report: the project's HTML rendering of the report's body
 * (tables as HTML) inside a government site's chrome — login and registration links, search box, 无障碍 and
 * 长者模式 switches, navigation, breadcrumb, publication metadata, a sidebar of other documents and a footer full of
 * other numbers — and the title in `<title>` as 「title_column_site」. Used by the web-page import tests.
 */
import type { Draft } from '../../shared/index.js';
import { renderReportHtml } from '../../shared/render/report.js';

export type PageShape =
  /** The title in `<title>` (with column and site) and in an `<h1>` above the body. */
  | 'h1'
  /** The title only in `<title>`: the body starts with the preamble. */
  | 'title-only';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function savedWebPage(draft: Draft, shape: PageShape): string {
  const report = renderReportHtml(draft);
  const title = /<h1>([^<]*)<\/h1>/u.exec(report)?.[1] ?? '';
  let body = /<article[^>]*>([\s\S]*)<\/article>/u.exec(report)?.[1] ?? '';
  body = body.replace(/<h1>[^<]*<\/h1>/u, '');
  const site = `${draft.agency.name || '某区人民政府'}门户网站`;
  const nav = ['首页', '政务公开', '政务服务', '互动交流', '走进本区', '专题专栏'].map((t, i) => `<li><a href="/col${i}.html">${t}</a></li>`).join('');
  const side = Array.from({ length: 8 }, (_, i) => `<li><a href="/art/${2019 + (i % 5)}/${i + 1}.html">关于印发第${i + 3}批${i + 12}项行政许可事项清单的通知（${2019 + (i % 5)}年第${i + 7}号）</a><span>${2019 + (i % 5)}-0${i + 1}-1${i}</span></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="${escape(site)}">
<meta name="ColumnName" content="政府信息公开年报">
<title>${escape(title)}_政府信息公开年报_${escape(site)}</title>
<link rel="stylesheet" href="/css/common.css">
<script>var _hmt = _hmt || []; (function () { var hm = document.createElement('script'); hm.src = 'https://hm.example.com/hm.js?123'; })();</script>
</head>
<body>
<div class="topbar">
  <div class="w1200">
    <span class="welcome">您好，欢迎访问${escape(site)}！今天是2025年3月18日 星期二</span>
    <a href="/login">登录</a> | <a href="/register">注册</a> | <a href="javascript:;" id="wza">无障碍</a> | <a href="javascript:;" id="older">长者模式</a> | <a href="/big5">繁體</a>
  </div>
</div>
<header class="header">
  <div class="logo"><img src="/images/logo.png" alt="${escape(site)}"></div>
  <form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>
</header>
<nav class="nav"><ul>${nav}</ul></nav>
<div class="main w1200">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; <a href="/zwgk/nb">政府信息公开年报</a></div>
  <div class="left-col">
    <div class="info-box">
      <table class="xxgk-meta"><tr><td>索引号：</td><td>113710000043594${draft.year}/2025-00017</td><td>发布机构：</td><td>${escape(draft.agency.name)}</td></tr>
      <tr><td>成文日期：</td><td>${draft.year + 1}-01-20</td><td>发布日期：</td><td>${draft.year + 1}-01-25</td></tr></table>
    </div>
    <div class="article">
      ${shape === 'h1' ? `<h1 class="article-title">${escape(title)}</h1>` : ''}
      <div class="article-info">发布时间：${draft.year + 1}-01-25 09:30　来源：${escape(draft.agency.name)}　浏览次数：2381　字号：[大 中 小]　【打印】【关闭】</div>
      <div class="TRS_Editor" id="zoom">
${body}
      </div>
      <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
      <div class="prev-next"><p>上一篇：<a href="/art/prev.html">${draft.year}年第四季度政务公开工作情况通报</a></p><p>下一篇：<a href="/art/next.html">${draft.year + 1}年政务公开工作要点</a></p></div>
    </div>
  </div>
  <aside class="right-col"><h3>相关文件</h3><ul>
${side}
  </ul></aside>
</div>
<footer class="footer">
  <p><a href="/about">关于本网</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
  <p>主办单位：${escape(site.replace(/门户网站$/, '办公室'))}　承办：大数据中心　地址：文化西路 108 号　邮编：264200</p>
  <p>网站标识码：3710020001　鲁ICP备05012345号-2　鲁公网安备 37100202000123号</p>
  <p>联系电话：0631-5287000　总访问量：12345678　今日访问：4321</p>
</footer>
<div class="float-tools"><a href="#">返回顶部</a><a href="#">智能问答</a></div>
</body>
</html>
`;
}
