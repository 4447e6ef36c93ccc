/** Entry of dist/importer.js: publishes the importer for the task pane, which loads this script on demand. */
import { importer } from './importer.js';

(globalThis as { nianbaoImporter?: typeof importer }).nianbaoImporter = importer;
