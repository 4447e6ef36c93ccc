/** What every command does with its arguments: parse strictly, answer --help, explain a usage error in Chinese. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** The parsed arguments, or the exit status when the command is done already (help shown, or a usage error). */
export function commandArgs<const O extends Options>(args: string[], options: O, help: string, io: CliIo) {
  try {
    const parsed = parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      io.stdout.write(`${help}\n`);
      return EXIT.ok;
    }
    return parsed;
  } catch (e) {
    return usageError(io, usageMessage(e as Error & { code?: string }), help);
  }
}

/** node:util's parse errors are in English; the option they name is all a clerk needs. */
function usageMessage(e: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项“${option}”。`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /missing/.test(e.message) ? `选项“${option}”后面缺少取值。` : `选项“${option}”不带取值。`;
  }
  return `参数有误：${e.message}`;
}

/** Writes a usage error and returns the exit status for it. */
export function usageError(io: CliIo, message: string, help?: string): number {
  io.stderr.write(help ? `${message}\n${help}\n` : `${message}\n`);
  return EXIT.usage;
}

/** `--year`: absent, a four-digit year, or (false) a usage error already written. */
export function yearArg(text: string | undefined, io: CliIo): { year?: number } | false {
  if (text === undefined) return {};
  const year = Number(text);
  if (Number.isInteger(year) && year >= 1949 && year <= 9999) return { year };
  usageError(io, `--year 应为四位年份，如 2024，实为“${text}”`);
  return false;
}
