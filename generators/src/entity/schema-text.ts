/**
 * schema.prisma read and edited as text: where a model's or an enum's block starts and ends, what a
 * field line says, and how `prisma format` lays field lines out. Whatever edits the schema goes
 * through these, so that running `prisma format` afterwards changes nothing and the user's own lines
 * and comments stay as they were.
 */

export interface FieldLine {
  readonly name: string;
  readonly type: string;
  readonly attributes: readonly string[];
  /** A trailing `// comment`, kept as written. */
  readonly comment?: string | undefined;
}

/** The line indexes of a block's opening line (`model X {`) and of its closing brace. */
export interface Block {
  readonly start: number;
  readonly end: number;
}

export type BlockKeyword = "model" | "enum";

/** The names of the blocks of one kind, in file order. */
export function listBlocks(schemaText: string, keyword: BlockKeyword): string[] {
  const pattern = new RegExp(`^\\s*${keyword}\\s+([A-Za-z][A-Za-z0-9_]*)\\s*\\{`, "gm");
  return [...schemaText.matchAll(pattern)].map((match) => match[1] ?? "");
}

export function findBlock(lines: readonly string[], keyword: BlockKeyword, name: string): Block | undefined {
  const opening = new RegExp(`^\\s*${keyword}\\s+${name}\\s*\\{`);
  const start = lines.findIndex((text) => opening.test(text));
  if (start === -1) return undefined;
  const end = lines.findIndex((text, index) => index > start && text.trim() === "}");
  return end === -1 ? undefined : { start, end };
}

/**
 * The lines without the block, its `///` documentation comments, and one of the blank lines that
 * separated it from its neighbours, so that blocks stay one blank line apart.
 */
export function removeBlock(lines: readonly string[], block: Block): string[] {
  let first = block.start;
  while (first > 0 && (lines[first - 1] ?? "").trim().startsWith("///")) first -= 1;
  let last = block.end;
  if ((lines[last + 1] ?? "").trim() === "") last += 1;
  else if (first > 0 && (lines[first - 1] ?? "").trim() === "") first -= 1;
  return [...lines.slice(0, first), ...lines.slice(last + 1)];
}

/**
 * `prisma format`'s layout of a block of field lines: the name and type columns as wide as their
 * widest entry, one space between columns, and the type unpadded when nothing but a comment follows.
 */
export function alignFieldLines(lines: readonly FieldLine[]): string[] {
  const nameWidth = Math.max(...lines.map((line) => line.name.length));
  const typeWidth = Math.max(...lines.map((line) => line.type.length));
  return lines.map((line) => {
    const type = line.attributes.length > 0 ? line.type.padEnd(typeWidth) : line.type;
    const comment = line.comment === undefined ? [] : [line.comment];
    return `  ${[line.name.padEnd(nameWidth), type, ...line.attributes, ...comment].join(" ")}`;
  });
}

/**
 * A model's body laid out again: `prisma format` aligns each run of lines between blank lines as a
 * whole, comment lines included, and leaves comments and block attributes as they are.
 */
export function realignBody(body: readonly string[]): string[] {
  const result: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    const fields = run.flatMap((text) => parseFieldLine(text) ?? []);
    const aligned = fields.length > 0 ? alignFieldLines(fields) : [];
    result.push(...run.map((text) => (parseFieldLine(text) === undefined ? text : (aligned.shift() ?? text))));
    run = [];
  };
  for (const text of body) {
    if (text.trim() === "") {
      flush();
      result.push("");
    } else {
      run.push(text);
    }
  }
  flush();
  return result;
}

/** A field line of a model, or undefined for blank lines, comments and block attributes. */
export function parseFieldLine(text: string): FieldLine | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("//") || trimmed.startsWith("@@")) return undefined;
  const tokens = tokenize(trimmed);
  const commentAt = tokens.findIndex((token) => token.startsWith("//"));
  const words = commentAt === -1 ? tokens : tokens.slice(0, commentAt);
  const [name, type, ...attributes] = words;
  if (name === undefined || type === undefined) return undefined;
  return { name, type, attributes, comment: commentAt === -1 ? undefined : tokens.slice(commentAt).join(" ") };
}

// Splits on spaces outside parentheses, brackets and string literals; a `//` comment is one token.
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (!quoted && depth === 0 && current === "" && text.startsWith("//", index)) {
      tokens.push(text.slice(index).trimEnd());
      return tokens;
    }
    if (quoted) {
      if (char === "\\") {
        current += char + text.charAt(index + 1);
        index += 1;
        continue;
      }
      if (char === '"') quoted = false;
    } else if (char === '"') {
      quoted = true;
    } else if (char === "(" || char === "[") {
      depth += 1;
    } else if (char === ")" || char === "]") {
      depth -= 1;
    } else if (/\s/.test(char) && depth === 0) {
      if (current !== "") tokens.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  if (current !== "") tokens.push(current);
  return tokens;
}
