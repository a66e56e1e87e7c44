/** Display helpers for the Studio's text (pure, no DOM). */
import * as l10n from '@vscode/l10n';

export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export function agoText(then: number | undefined, now: number): string {
  if (then === undefined) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return l10n.t('just now');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return l10n.t('{0} h ago', hours);
  return new Date(then).toLocaleDateString();
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
