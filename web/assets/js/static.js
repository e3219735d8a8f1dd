// Pages that are text only (the accessibility statement): fill in the language, nothing else.

import { markReady } from './dom.js';
import { initI18n } from './i18n.js';

initI18n().then(markReady);
