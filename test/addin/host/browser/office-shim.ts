/** Stands in for office.js inside the task-pane iframe: Office and Excel backed by the parent page's fake host. */
import type { FakeExcelHost } from '../fake-excel.js';

const host = (window.parent as unknown as { fakeHost: FakeExcelHost }).fakeHost;
const globals = host.officeGlobals();
Object.assign(window, globals);
