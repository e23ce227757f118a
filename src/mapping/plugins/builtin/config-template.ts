// openstack.config_template.config_template: render a template (or content), then merge
// `config_overrides` into it by `config_type`.
//
// INI: each override becomes an a2c_ini_setting (community.general.ini_file semantics) after the
// template resource. What config_template does (its action plugin): the rendered text always goes
// through its INI parser and writer, overrides or not. For every top-level override key: a dict is
// a section whose options are replaced (the option is removed, then set); any other value is an
// option of `default_section` (DEFAULT). Option values are written with Python's str(), lists
// joined with ','. Known differences, reported in the cookbook README:
// - the writer re-formats the whole file ("key = value", blank lines dropped, duplicate keys merged
//   into sorted repeated keys); here the template is written as rendered and only the overridden
//   options are edited, so the text differs while an INI reader sees the same options;
// - with overrides, the template and the settings both change the file on every Chef run;
// - an option whose value is a dict with only empty values is written as repeated keys by
//   config_template; a static one is converted so, a templated one is written with Python's str().
//
// YAML with `content`: the plugin prints the content with str(), reads it back with
// yaml.safe_load, merges the overrides (_merge_dict) and dumps with PyYAML; the support library
// does the same (A2C::ConfigTemplate.yaml) and the file resource writes the result. It fails the
// Chef run, rather than write other text, on values its PyYAML writer does not reproduce
// (multi-line or non-ASCII strings, see a2c_yaml_block.rb). JSON with content given as data is
// merged and written as json.dumps(indent=4, sort_keys=True) (A2C::ConfigTemplate.json); so is a
// `src` json template without Jinja, whose data (json.loads of its text) is known when converting.
// YAML from a `src` template, or JSON from one with Jinja, stays a TODO.
import type { ArgValue, ChefStmt, Gap, ModulePlugin, PluginApi, PluginResult, PluginTask, RubyExpr } from '../api.js';

const MODULE = 'openstack.config_template.config_template';

const plugin: ModulePlugin = {
  apiVersion: 1,
  module: MODULE,
  aliases: ['config_template'],
  description: 'template or content written, then INI config_overrides set option by option (a2c_ini_setting)',
  params: {
    src: { status: 'converted' },
    content: { status: 'partial', reason: 'written as text; a dict given as content is not converted' },
    dest: { status: 'converted' },
    owner: { status: 'converted' },
    group: { status: 'converted' },
    mode: { status: 'converted' },
    config_type: {
      status: 'partial',
      reason: 'ini; yaml and json from content, json from a src template without Jinja (not yaml from src); written literally',
    },
    config_overrides: {
      status: 'partial',
      reason:
        'a literal dict becomes one a2c_ini_setting per option; a templated dict is iterated in Ruby; the file is not re-formatted as config_template does',
    },
    default_section: { status: 'converted' },
    ignore_none_type: { status: 'ignored', reason: 'concerns valueless options read from the template, which is written as rendered' },
    list_extend: { status: 'partial', reason: 'yaml/json: a literal boolean (without it the plugin replaces lists); ignored for ini' },
    yml_multilines: { status: 'partial', reason: 'yaml/json: a literal boolean; ignored for ini' },
    remote_src: { status: 'unsupported', reason: 'a source file on the node is not converted' },
    render_template: { status: 'unsupported', reason: 'unrendered templates are not converted' },
    backup: { status: 'unsupported', reason: 'backups of the merged file are not converted' },
  },
  translate(task, api) {
    const typeArg = task.arg('config_type');
    const type = typeArg ? api.staticData(typeArg) : undefined;
    if (typeArg === undefined) return api.gap('A2C-TODO-PARAM', 'config_template needs config_type');
    if (type === undefined) {
      // A templated src is chosen at run time as well, which no type would make convertible: say so too.
      const src = task.arg('src');
      const also =
        src && typeof api.staticData(src) !== 'string'
          ? `; src ${JSON.stringify(src.kind === 'scalar' ? src.value : '...')} is templated too (a template chosen at run time is not converted)`
          : '';
      return api.gap('A2C-TODO-PARAM', `config_type is templated; only a literal ini or yaml is converted${also}`, typeArg.span);
    }
    if (type === 'yaml' || type === 'json') return serialisedFile(task, api, type);
    if (type !== 'ini')
      return api.gap('A2C-TODO-PARAM', `config_type ${String(type)} is not one config_template accepts (ini, yaml or json)`, typeArg.span);
    const destArg = task.arg('dest');
    if (!destArg) return api.gap('A2C-TODO-PARAM', 'config_template needs dest');
    const dest = api.value(destArg);
    if (api.isGap(dest)) return dest;

    const base = baseFile(task, api, dest);
    if (api.isGap(base)) return base;
    const sectionArg = task.arg('default_section');
    const defaultSection = sectionArg ? api.value(sectionArg) : api.str('DEFAULT');
    if (api.isGap(defaultSection)) return defaultSection;

    const overridesArg = task.arg('config_overrides');
    const settings = overridesArg ? overrides(overridesArg, api, dest, defaultSection) : [];
    if (api.isGap(settings)) return settings;
    api.note(
      'config_template (ini): the template is written as rendered and each override is set with a2c_ini_setting; ' +
        'config_template re-formats the whole file (key = value, blank lines dropped), so the text differs while INI readers see the same options. ' +
        'With overrides, the template and the settings both change the file on every run.',
    );
    return { stmts: [base, ...settings] };
  },
};

export default plugin;

/** config_type yaml or json from `content`: one file resource whose content the support library computes. */
function serialisedFile(task: PluginTask, api: PluginApi, type: 'yaml' | 'json'): PluginResult {
  const src = task.arg('src');
  const content = task.arg('content');
  if (src && content)
    return api.gap('A2C-TODO-PARAM', 'config_template with both src and content (one omitted at run time) is not converted', src.span);
  let text: RubyExpr | Gap;
  if (src) {
    const data = type === 'json' ? staticJsonTemplate(src, api) : undefined;
    if (data === undefined)
      return api.gap(
        'A2C-TODO-PARAM',
        `config_type ${type} with src: re-serialising a rendered template is not converted (content is)`,
        src.span,
      );
    if (api.isGap(data)) return data;
    text = data;
  } else {
    if (!content) return api.gap('A2C-TODO-PARAM', 'config_template needs src or content');
    text = api.value(content);
  }
  const destArg = task.arg('dest');
  if (!destArg) return api.gap('A2C-TODO-PARAM', 'config_template needs dest');
  const dest = api.value(destArg);
  if (api.isGap(dest)) return dest;
  if (api.isGap(text)) return text;
  const overridesArg = task.arg('config_overrides');
  const overrides = overridesArg ? api.value(overridesArg) : api.hash([]);
  if (api.isGap(overrides)) return overrides;
  const flags: RubyExpr[] = [];
  for (const [name, fallback] of [
    ['list_extend', api.nil()],
    ['yml_multilines', api.bool(false)],
  ] as const) {
    const arg = task.arg(name);
    const v = arg ? api.staticData(arg) : undefined;
    if (arg && typeof v !== 'boolean') return api.gap('A2C-TODO-PARAM', `config_template ${name} must be a literal boolean`, arg.span);
    flags.push(typeof v === 'boolean' ? api.bool(v) : fallback);
  }
  const props: Array<[string, RubyExpr]> = [['content', api.supportHelper('ConfigTemplate', type, [text, overrides, ...flags])]];
  for (const key of ['owner', 'group', 'mode'] as const) {
    const arg = task.arg(key);
    if (!arg) continue;
    const v = key === 'mode' ? mode(arg, api) : api.value(arg);
    if (api.isGap(v)) return v;
    props.push([key, v]);
  }
  api.note(
    type === 'yaml'
      ? 'config_template (yaml): the content is read back as YAML, merged with the overrides and dumped as the plugin does (A2C::ConfigTemplate.yaml); ' +
          'values its PyYAML writer is not reproduced for (multi-line or non-ASCII strings) fail the Chef run instead of writing other text.'
      : 'config_template (json): the content, given as data, is merged with the overrides and written as json.dumps(indent=4, sort_keys=True) writes it (A2C::ConfigTemplate.json); ' +
          'content given as JSON text fails the Chef run instead of being read by another parser.',
  );
  return { stmts: [api.resource('file', dest, props)] };
}

/**
 * A json template without Jinja: the plugin renders it to its own text and reads that with
 * json.loads, so its data is known now (api.pythonJson reads it as Python does, or says why not)
 * and goes the way content given as data goes. A template with Jinja: undefined.
 */
function staticJsonTemplate(src: ArgValue, api: PluginApi): RubyExpr | Gap | undefined {
  const text = api.templateText(src);
  if (api.isGap(text)) return text;
  if (api.hasJinja(text)) return undefined;
  const parsed = api.pythonJson(text);
  if (!parsed.ok) return api.gap('A2C-TODO-PARAM', `config_type json with src: the template's JSON: ${parsed.reason}`, src.span);
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return api.gap('A2C-TODO-PARAM', 'config_type json with src: a template whose JSON is not an object is not converted', src.span);
  return api.data(v);
}

function baseFile(task: PluginTask, api: PluginApi, dest: RubyExpr): ChefStmt | Gap {
  const props: Array<[string, RubyExpr]> = [];
  for (const key of ['owner', 'group', 'mode'] as const) {
    const arg = task.arg(key);
    if (!arg) continue;
    const v = key === 'mode' ? mode(arg, api) : api.value(arg);
    if (api.isGap(v)) return v;
    props.push([key, v]);
  }
  const src = task.arg('src');
  const content = task.arg('content');
  if (src && content)
    return api.gap('A2C-TODO-PARAM', 'config_template with both src and content (one omitted at run time) is not converted', src.span);
  if (src) {
    const source = api.template(src);
    if (api.isGap(source)) return source;
    return api.resource('template', dest, [['source', source], ...props]);
  }
  // Without src, config_template parses the content (str(None) when absent: no options) as the base.
  const text = content ? api.value(content) : api.str('');
  if (api.isGap(text)) return text;
  if (content && content.kind !== 'scalar')
    return api.gap('A2C-TODO-PARAM', 'content given as a dict or list is not converted', content.span);
  return api.resource('file', dest, [['content', text], ...props]);
}

/** Unquoted 0640 is the integer 416 in YAML 1.1: Chef wants the octal string. */
function mode(arg: ArgValue, api: PluginApi): RubyExpr | Gap {
  const v = api.staticData(arg);
  if (typeof v === 'number') return api.str('0' + v.toString(8));
  return api.value(arg);
}

function overrides(arg: ArgValue, api: PluginApi, dest: RubyExpr, defaultSection: RubyExpr): ChefStmt[] | Gap {
  const data = api.staticData(arg);
  if (data === undefined) {
    // A templated dict: iterate it in Ruby when the recipe compiles, with config_template's rules.
    const hash = api.value(arg);
    if (api.isGap(hash)) return hash;
    return [
      api.eachPair(hash, (section, items) => [
        api.ifElse(
          api.isA(items, 'Hash'),
          [api.eachPair(items, (option, value) => [setting(api, dest, section, option, runtimeText(api, value))])],
          [setting(api, dest, defaultSection, section, runtimeText(api, items))],
        ),
      ]),
    ];
  }
  if (data === null) return [];
  if (typeof data !== 'object' || Array.isArray(data)) return api.gap('A2C-TODO-PARAM', 'config_overrides must be a dict', arg.span);
  const out: ChefStmt[] = [];
  for (const [section, items] of Object.entries(data as Record<string, unknown>)) {
    const sectionArg = entryOf(arg, section);
    if (isDict(items)) {
      for (const [option, value] of Object.entries(items))
        out.push(setting(api, dest, api.str(section), api.str(option), staticText(api, value, sectionArg && entryOf(sectionArg, option))));
    } else {
      out.push(setting(api, dest, defaultSection, api.str(section), staticText(api, items, sectionArg)));
    }
  }
  return out;
}

/** The value written under `key` in a literal map argument (the last one, as YAML's reading keeps). */
function entryOf(arg: ArgValue, key: string): ArgValue | undefined {
  return arg.kind === 'map' ? [...arg.entries].reverse().find((e) => e.key === key)?.value : undefined;
}

const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value config_template writes for one option, known now. A string is read through the task's
 * argument (`written`), which carries the audit's fixes for it (an IPv4 bind under --ipv6-only).
 */
function staticText(api: PluginApi, value: unknown, written?: ArgValue): RubyExpr | RubyExpr[] {
  if (typeof value === 'string') {
    const v = written?.kind === 'scalar' && written.value === value ? api.value(written) : undefined;
    return v !== undefined && !api.isGap(v) ? v : api.str(value);
  }
  if (Array.isArray(value)) return api.jinjaHelper('join', [api.data(value), api.str(',')]);
  // A dict whose values are all empty: its keys, written as repeated options in sorted order.
  if (isDict(value) && !Object.values(value).some(Boolean))
    return Object.keys(value)
      .sort()
      .map((k) => api.str(k));
  return api.jinjaHelper('str', [api.data(value)]);
}

/** The same, decided when the recipe compiles: lists joined with ',', anything else Python's str(). */
function runtimeText(api: PluginApi, value: RubyExpr): RubyExpr {
  return api.ternary(api.isA(value, 'Array'), api.jinjaHelper('join', [value, api.str(',')]), api.jinjaHelper('str', [value]));
}

function setting(api: PluginApi, dest: RubyExpr, section: RubyExpr, option: RubyExpr, value: RubyExpr | RubyExpr[]): ChefStmt {
  const name = api.interpolate([dest, ' [', section, '] ', option]);
  const valueProp: [string, RubyExpr] = Array.isArray(value) ? ['values', api.array(value)] : ['value', value];
  return api.resource('a2c_ini_setting', name, [['path', dest], ['section', section], ['option', option], valueProp]);
}
