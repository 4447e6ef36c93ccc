/** `npm start`: the add-in's https server and the bot's server together, with both addresses printed. */
import { startAddinServer } from './addin/server.js';
import { startBotServer } from './bot/server.js';

const port = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const addin = await startAddinServer({ port: port('ADDIN_PORT', 3000) });
const bot = await startBotServer({ port: port('BOT_PORT', 3978) });

console.log(`
年报助手已启动：
  Excel 加载项任务窗格：${new URL('taskpane.html', addin.url)}
  加载项清单：          ${new URL('manifest.xml', addin.url)}（旁加载方法见 README）
  对话机器人网页聊天：  ${bot.url}
按 Ctrl+C 停止。`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await Promise.allSettled([addin.close(), bot.close()]);
    process.exit(0);
  });
}
