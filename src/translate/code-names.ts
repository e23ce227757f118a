// The names mapping tables may use for code of the translate stage: module translators, value
// transforms and filter plugins (checked when a table is loaded, src/mapping/names.ts).
import type { CodeNames } from '../mapping/names.js';
import { TRANSLATORS } from './modules/index.js';
import { TRANSFORMS } from './modules/transforms.js';
import { FILTER_PLUGINS } from '../jinja-to-ruby/filter-plugins.js';

export const CODE_NAMES: CodeNames = {
  translators: TRANSLATORS,
  transforms: TRANSFORMS,
  filterPlugins: new Set(Object.keys(FILTER_PLUGINS)),
};
