/**
 * The browser test page: a fake Excel host with its sheet drawn as an HTML grid on the left and the real, built task
 * pane in an iframe on the right (its office.js is office-shim.js, which hands it this host).
 */
import { FakeExcelHost } from '../fake-excel.js';
import { renderSheet } from '../fake-grid.js';

const query = new URLSearchParams(location.search);
const host = new FakeExcelHost({ api: query.get('api') ?? '1.18' });
// ?pane=320 draws the task pane at that width (Excel's narrowest task pane is 320 px).
const paneWidth = query.get('pane');
if (paneWidth) document.head.append(Object.assign(document.createElement('style'), { textContent: `iframe#pane { width: ${Number(paneWidth)}px }` }));
(window as unknown as { fakeHost: FakeExcelHost }).fakeHost = host;
const grid = document.getElementById('grid')!;

let drawn = -1;
function draw(force = false): void {
  if (!force && drawn === host.syncs) return;
  if (document.activeElement instanceof HTMLInputElement && grid.contains(document.activeElement) && !force) return;
  drawn = host.syncs;
  const sheet = host.workbook.activeSheet!;
  grid.innerHTML = `<p class="sheet-name">${sheet.name}${host.workbook.selection ? ` · 选中 ${host.workbook.selection.address}` : ''}</p>${renderSheet(sheet)}`;
}

grid.addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  const address = input.dataset.address;
  if (!address) return;
  const r = host.type(`'${host.workbook.activeSheet!.name}'!${address}`, input.value);
  if (!r.ok) document.getElementById('alert')!.textContent = `${r.alert?.title ?? ''}：${r.alert?.message ?? ''}`;
  void host.idle().then(() => draw(true));
});
setInterval(() => draw(), 150);
draw(true);
