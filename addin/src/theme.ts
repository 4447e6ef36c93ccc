/**
 * Follows the Office theme: a dark Office theme turns the pane dark, a light one keeps it light even when the OS
 * prefers dark; without an Office theme (older hosts, Excel on the web) the CSS follows prefers-color-scheme.
 * Office's own body colours are taken when they keep 4.5:1 against each other.
 */
export interface OfficeThemeColors { bodyBackgroundColor?: string; bodyForegroundColor?: string }

function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const n = parseInt(m[1]!, 16);
  const lin = (c: number) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

export function contrast(a: string, b: string): number | undefined {
  const x = luminance(a), y = luminance(b);
  if (x === undefined || y === undefined) return undefined;
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

export function applyOfficeTheme(doc: Document, theme: OfficeThemeColors | undefined): 'dark' | 'light' | undefined {
  const bg = theme?.bodyBackgroundColor, fg = theme?.bodyForegroundColor;
  const l = bg ? luminance(bg) : undefined;
  if (l === undefined) return undefined;
  const mode = l < 0.2 ? 'dark' : 'light';
  const root = doc.documentElement;
  root.classList.remove('dark', 'light');
  root.classList.add(mode);
  if (fg && (contrast(bg!, fg) ?? 0) >= 4.5) {
    root.style.setProperty('--bg', bg!);
    root.style.setProperty('--fg', fg);
  }
  return mode;
}
