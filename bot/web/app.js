// The page's only script: a Direct Line token from this server, then botframework-webchat (served locally).
(async function () {
  'use strict';
  var KEY = 'nianbao.directline';
  var base = location.origin + '/v3/directline';
  var el = document.getElementById('webchat');
  function post(path, token, body) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(base + path, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    });
  }
  try {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
    var conv = null;
    if (saved && saved.token) {
      try { conv = await post('/tokens/refresh', saved.token); } catch (e) { conv = null; }
    }
    var resume = !!conv;
    // the ticket keeps the server-issued user id after a token expired: the clerk's drafts are found again
    if (!conv) conv = await post('/tokens/generate', null, saved && saved.ticket ? { ticket: saved.ticket } : {});
    localStorage.setItem(KEY, JSON.stringify({ token: conv.token, conversationId: conv.conversationId, ticket: conv.ticket || (saved && saved.ticket) }));
    var options = { token: conv.token, domain: base, webSocket: false, pollingInterval: 500 };
    if (resume) options.conversationId = conv.conversationId;
    var directLine = window.WebChat.createDirectLine(options);
    window.WebChat.renderWebChat({
      directLine: directLine,
      locale: 'zh-CN',
      styleOptions: {
        botAvatarInitials: '年报',
        userAvatarInitials: '我',
        primaryFont: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
        bubbleMaxWidth: 720,
        sendBoxTextWrap: true,
        hideUploadButton: false,
        uploadAccept: '.json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    }, el);
  } catch (e) {
    el.innerHTML = '<p class="nb-error">无法连接年报助手（' + String(e && e.message) + '），请确认服务已启动后刷新页面。</p>';
  }
})();
