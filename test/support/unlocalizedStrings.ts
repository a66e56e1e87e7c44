/**
 * Finds user-visible texts in the extension's source that do not go through `l10n.t(...)`: the message and
 * buttons of `show*Message` (and of the project's `messages.show`/`messages.ask`, the Studio's `notice` and
 * `formError`), quick pick and input box titles, placeholders, prompts and items, progress titles, CodeLens
 * titles, Markdown hovers, and the `title`/`placeholder` of a quick pick or status bar item built by hand;
 * in the Studio page (src/webview), the text, title, placeholder and aria-label of elements built with
 * `el(…)`, button labels and titles, `textContent`, and what is announced to screen readers.
 * It reads the syntax tree (TypeScript's compiler API), so a text is flagged only where it is written as a
 * plain string or template literal; a variable or a call is trusted (its own literal is flagged where it is
 * written, if it is in one of these places).
 */
import * as ts from 'typescript';

export interface UnlocalizedString {
  file: string;
  line: number;
  /** Where the text is used, e.g. `showWarningMessage message` or `showQuickPick title`. */
  use: string;
  text: string;
}

const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Options properties a user reads, for the calls and constructors below. */
const SHOWN_OPTIONS = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'detail', 'tooltip']);
/** Properties of a quick pick item (or a message button item) a user reads. */
const SHOWN_ITEM_PROPERTIES = new Set(['label', 'description', 'detail', 'title', 'tooltip']);
/** Assignments like `quickPick.title = '…'` on a quick pick, input box or status bar item built by hand. */
const SHOWN_ASSIGNED_PROPERTIES = new Set(['title', 'placeholder', 'prompt', 'tooltip', 'validationMessage']);

/** Whether `text` has words once `${…}` parts, `$(icon)` codicons and Markdown link targets `](…)` are set aside. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\$\{…\}/g, ' ').replace(/\$\([\w~-]+\)/g, ' ').replace(/\]\([^)]*\)/g, ']'));
}

/** Whether `node` is text a translator would need: a literal with words outside its `${…}` parts. */
function plainText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? node.text : undefined;
  if (ts.isTemplateExpression(node)) {
    const literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${…}');
    return hasWords(literal) ? literal : undefined;
  }
  if (ts.isParenthesizedExpression(node)) return plainText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return plainText(node.left) ?? plainText(node.right);
  return undefined;
}

/** The branches a value may come from: both sides of `a ? b : c` and `a ?? b`, else the value itself. */
function branches(node: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(node)) return branches(node.expression);
  if (ts.isConditionalExpression(node)) return [...branches(node.whenTrue), ...branches(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...branches(node.left), ...branches(node.right)];
  }
  return [node];
}

function calleeName(expression: ts.LeftHandSideExpression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** Whether the call is on something named `receiver` (`services.messages.show`, `this.messages.show`). */
function receiverIs(call: ts.CallExpression, receiver: string): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const target = callee.expression;
  return (ts.isIdentifier(target) && target.text === receiver) || (ts.isPropertyAccessExpression(target) && target.name.text === receiver);
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(property)) return undefined;
  return ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
}

/** The user-visible texts in `sourceText` (of `file`) written as plain literals. */
export function findUnlocalizedStrings(file: string, sourceText: string): UnlocalizedString[] {
  const source = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: UnlocalizedString[] = [];
  const flag = (node: ts.Expression | undefined, use: string) => {
    if (!node) return;
    for (const branch of branches(node)) {
      const text = plainText(branch);
      if (text !== undefined) found.push({ file, line: source.getLineAndCharacterOfPosition(branch.getStart()).line + 1, use, text });
    }
  };
  const flagObject = (node: ts.Expression | undefined, names: Set<string>, use: string) => {
    if (!node || !ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      const name = propertyName(property);
      if (name && names.has(name) && ts.isPropertyAssignment(property)) flag(property.initializer, `${use} ${name}`);
    }
  };
  const flagItems = (node: ts.Expression | undefined, use: string) => {
    if (!node || !ts.isArrayLiteralExpression(node)) return;
    for (const item of node.elements) {
      if (ts.isObjectLiteralExpression(item)) flagObject(item, SHOWN_ITEM_PROPERTIES, `${use} item`);
      else flag(item, `${use} item`);
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const [first, second] = node.arguments;
      if (name && MESSAGE_CALLS.has(name)) {
        flag(first, `${name} message`);
        for (const argument of node.arguments.slice(1)) {
          if (ts.isObjectLiteralExpression(argument)) flagObject(argument, new Set([...SHOWN_ITEM_PROPERTIES, 'detail']), `${name} option`);
          else flag(argument, `${name} button`);
        }
      } else if (name === 'showQuickPick') {
        flagItems(first, name);
        flagObject(second, SHOWN_OPTIONS, name);
      } else if (name === 'showInputBox') {
        flagObject(first, SHOWN_OPTIONS, name);
      } else if (name === 'withProgress') {
        flagObject(first, SHOWN_OPTIONS, name);
      } else if (name === 'appendMarkdown' || name === 'appendText') {
        flag(first, name);
      } else if (name === 'show' && receiverIs(node, 'messages')) {
        // UserMessages.show(kind, text, ...buttons)
        flag(second, 'show message');
        for (const argument of node.arguments.slice(2)) flag(argument, 'show button');
      } else if (name === 'ask' && receiverIs(node, 'messages')) {
        // UserMessages.ask(text, detail, buttons, preset)
        flag(first, 'ask message');
        flag(second, 'ask detail');
        flagItems(node.arguments[2], 'ask button');
      } else if (name === 'notice' || name === 'say') {
        flag(first, name);
      } else if (name === 'formError') {
        flag(second, name);
      } else if (name === 'el' && second && ts.isObjectLiteralExpression(second)) {
        // The Studio page's el(tag, { text, attrs: { title, placeholder, 'aria-label' } }).
        flagObject(second, new Set(['text']), 'el');
        const attrs = second.properties.find((p) => propertyName(p) === 'attrs');
        if (attrs && ts.isPropertyAssignment(attrs)) flagObject(attrs.initializer, new Set(['title', 'placeholder', 'aria-label']), 'el attrs');
      } else if (name === 'button' || name === 'iconButton' || name === 'textButton') {
        // (icon, label, onClick, …); textButton's fifth argument is its title.
        flag(second, `${name} label`);
        if (name === 'textButton') flag(node.arguments[4], `${name} title`);
      } else if (name === 'announce' || name === 'rovingToolbar') {
        flag(name === 'announce' ? first : second, name);
      }
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const args = node.arguments ?? [];
      if (name === 'CodeLens') flagObject(args[1], SHOWN_OPTIONS, 'CodeLens');
      if (name === 'MarkdownString') flag(args[0], 'MarkdownString');
      if (name === 'Hover') flag(args[0], 'Hover');
    } else if (ts.isPropertyAssignment(node) && propertyName(node) === 'invocationMessage') {
      // A chat tool's "Generating …" line, shown in the chat while it runs.
      flag(node.initializer, 'invocationMessage');
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const property = node.left.name.text;
      if (SHOWN_ASSIGNED_PROPERTIES.has(property) || property === 'textContent') flag(node.right, `${property} =`);
      // A status bar item's text, `.text = '$(sync~spin) Generating…'`: flagged only when it has words.
      if (property === 'text' && /statusBar|status|item/i.test(node.left.expression.getText())) flag(node.right, 'status bar text =');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
