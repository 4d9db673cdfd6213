import { NOT_TRANSACTION_CUES } from './cues.js';

export interface Sentence {
  text: string;
  start: number;
  line: number;
}

/** Lines, then sentences; an abbreviation's dot ("A/c no.", "Rs.") does not end one. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let offset = 0;
  text.split('\n').forEach((line, lineNo) => {
    const re = /(?<!\b(?:no|nr|rs|ref|approx|vs|st|inc|ltd|co|mr|mrs|ms|dr|a\/c|acct))[.!?](?=\s+\S)|(?<=\S)\s{3,}/gi;
    let last = 0;
    for (const m of line.matchAll(re)) {
      const end = m.index + m[0].length;
      if (line.slice(last, end).trim()) out.push({ text: line.slice(last, end), start: offset + last, line: lineNo });
      last = end;
    }
    if (line.slice(last).trim()) out.push({ text: line.slice(last), start: offset + last, line: lineNo });
    offset += line.length + 1;
  });
  return out;
}

export interface Veto {
  kind: string;
  strong: boolean;
  evidence: string;
}

/** The not-a-transaction cues found in a piece of text, with the words that showed each. */
export function vetoes(text: string): Veto[] {
  const out: Veto[] = [];
  for (const [kind, cue] of Object.entries(NOT_TRANSACTION_CUES)) {
    const m = cue.words.exec(text);
    if (m) out.push({ kind, strong: cue.strong, evidence: m[0] });
  }
  return out;
}
