/** Entry of the task pane bundle: waits for Office, then starts the pane against the real Excel host. */
import { officeHost } from './office-types.js';
import { startPane } from './pane.js';
import { PANE_TEXTS } from './texts.js';

void Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) startPane(officeHost(), document);
  else document.getElementById('status')!.textContent = PANE_TEXTS.notInExcel;
});
