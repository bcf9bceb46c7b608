/** Renders a chat in the terminal the way WhatsApp shows it: owner on the right, bot on the left. */

// Colours only on a terminal; piped output stays plain text.
const tty = Boolean(process.stdout.isTTY);
const BOLD = tty ? '\x1b[1m' : '';
const DIM = tty ? '\x1b[2m' : '';
const RESET = tty ? '\x1b[0m' : '';
const OWNER = tty ? '\x1b[48;5;194m\x1b[30m' : '';
const BOT = tty ? '\x1b[48;5;255m\x1b[30m' : '';
const ANSI = new RegExp(String.raw`\x1b\[[0-9;]*m`, 'g');

const width = () => Math.min(process.stdout.columns || 80, 100);
/** Characters on screen: no colour codes, no WhatsApp `*` markers. */
const visible = (s: string) => [...s.replace(ANSI, '').replace(/\*/g, '')].length;
const clock = () => new Date().toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit' });

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && visible(`${line} ${word}`) > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

function bubble(text: string, footer: string, colour: string, share: number, indent: (inner: number) => number): string {
  const lines = [...wrap(text, Math.floor(width() * share)), `${DIM}${footer}${RESET}${colour}`];
  const inner = Math.max(...lines.map(visible));
  return lines
    .map((line) => {
      // WhatsApp's *bold* becomes terminal bold.
      const shown = line.replace(/\*([^*\n]+)\*/g, `${BOLD}$1${RESET}${colour}`);
      return `${' '.repeat(indent(inner))}${colour} ${shown}${' '.repeat(inner - visible(line))} ${RESET}`;
    })
    .join('\n');
}

export function ownerBubble(text: string): string {
  return bubble(text, `${clock()} ✓✓`, OWNER, 0.7, (inner) => Math.max(0, width() - inner - 2));
}

export function botBubble(text: string, meta: string): string {
  return bubble(text, `${clock()} · ${meta}`, BOT, 0.75, () => 0);
}
