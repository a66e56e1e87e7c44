/**
 * Random Markdown built from the lines that make link finding hard: fences of both kinds and lengths (some
 * unclosed, some indented, some inside quotes or lists), indented code, lists, headings and rules, code spans
 * across lines, comments across blank lines, reference definitions before and after their uses, `<img>` tags,
 * escapes, titles and links over two lines, odd whitespace and all three line endings. Seeded, so a failure
 * repeats.
 */
import { seededRandom } from './seededRandom';

const LINES = [
  '', '', '', '   ', '\t', '\u00a0', 'Some prose words.', 'More prose with `code` and ![inline](in.png) here.',
  '    indented ![ic](ic.png)', '\tindented by a tab ![tab](tab.png)', '  two spaces ![two](two.png)', '     five spaces',
  '```', '```js', '````', '~~~', '~~~~', '  ```', '    ```', '``` a`b', '```   ', '~~~ info ~~~',
  '> quoted ![q](q.png)', '> ```', '>', '> > deep ![qq](qq.png)', '>    code in a quote',
  '- item ![l](l.png)', '1. numbered ![n](n.png)', '   - nested', '      deeper ![dl](dl.png)', '* star', '+ plus', '2) paren',
  '# Heading ![h](h.png)', '###### six', '####### seven', '---', '***', '* * *', '___', '- - -',
  '![a](a.png)', '![b](b.png "title")', "![s](s.png 'single')", '![p](p.png (paren))', '![c][ref]', '![ref]', '![d][]', '![u][undefined]',
  '[ref]: r.png "R"', '[d]: d.png', '[ref]:', '  <r2.png>', '[late]: late.png', '![late]', '   [three]: three.png', '    [four]: four.png', '![three] ![four]',
  '`![code](c.png)`', '``code ` span``', '`unclosed ![after](after.png)', 'closes` ![then](then.png)',
  '<!-- comment', '-->', '<!-- one ![x](x.png) -->', 'text <!-- open ![y](y.png)', 'end --> ![z](z.png)',
  '<img src="h.png" alt="h">', '<img alt="m" src="m.png"', 'src="broken.png">', '<IMG SRC=up.png>', '<img src="a',
  '\\![esc](e.png)', '\\\\![esc2](e2.png)', '![multi', 'line](m.png)', '![t](t.png "title', 'continues")', '![e](', 'e.png)',
  '![nested [brackets]](nb.png)', '![a] [b]', '[![linked](li.png)](https://x.test)', '![remote](https://x.test/r.png)',
];
const ENDINGS = ['\n', '\n', '\n', '\n', '\n', '\n', '\r\n', '\r'];

/** A document of `lines` random lines (sometimes two fragments joined on one line). */
export function trickyMarkdown(seed: number, lines = 60): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // Most documents keep one line ending, as real files do; some mix them.
  const ending = random() < 0.7 ? '\n' : random() < 0.5 ? '\r\n' : undefined;
  const parts: string[] = [];
  for (let i = 0; i < lines; i++) {
    const line = random() < 0.15 ? `${pick(LINES)} ${pick(LINES)}` : pick(LINES);
    parts.push(line, ending ?? pick(ENDINGS));
  }
  return parts.join('');
}
