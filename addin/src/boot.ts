/** Entry of the task pane bundle: waits for Office, follows its theme, then starts the pane against the real Excel host. */
import { officeHost } from './office-types.js';
import { startPane } from './pane.js';
import { PANE_TEXTS } from './texts.js';
import { applyOfficeTheme } from './theme.js';

void Office.onReady((info) => {
  try {
    applyOfficeTheme(document, Office.context?.officeTheme);
  } catch { /* officeTheme is not offered by every host */ }
  if (info.host === Office.HostType.Excel) {
    startPane(officeHost(), document, {
      // With a shared runtime (manifest from `nianbao manifest --shared-runtime`, Office with SharedRuntime 1.1) the
      // add-in loads with a workbook that holds a grid and keeps checking while the pane is closed. Without it,
      // the workbook's Office.AutoShowTaskpaneWithDocument setting reopens the pane instead (see README).
      onSheets: () => {
        if (!Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) return;
        void Office.addin.setStartupBehavior(Office.StartupBehavior.load).catch(() => undefined);
      },
    });
  }
  else {
    // Outside Excel nothing can be inserted or checked: the button stays disabled and the badge empty.
    (document.getElementById('insert') as HTMLButtonElement).disabled = true;
    document.getElementById('status')!.textContent = PANE_TEXTS.notInExcel;
  }
});
