import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

/** One line of input with a block cursor at its end (the keys are handled by the view). */
export function TextInput({ value, prompt = '›', placeholder, focused = true, width }: { value: string; prompt?: string; placeholder?: string; focused?: boolean; width?: number }) {
  const theme = useTheme();
  // Keep the end of a long line in view.
  const room = Math.max(10, (width ?? 80) - prompt.length - 4);
  const shown = value.length > room ? `…${value.slice(value.length - room + 1)}` : value;
  return (
    <Box>
      <Text color={theme.accent} bold>
        {prompt}{' '}
      </Text>
      {shown ? <Text>{shown}</Text> : placeholder && !focused ? <Text color={theme.muted} dimColor>{placeholder}</Text> : null}
      {focused ? <Text inverse> </Text> : null}
      {!shown && focused && placeholder ? <Text color={theme.muted} dimColor> {placeholder}</Text> : null}
    </Box>
  );
}

/** Applies one key to a line being edited: printable text appends, backspace/delete removes. */
export function editLine(value: string, input: string, key: { backspace?: boolean; delete?: boolean; ctrl?: boolean; meta?: boolean }): string | null {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl || key.meta || !input) return null;
  // Pasted text may carry line breaks and bracketed-paste markers.
  const clean = input.replace(/\x1b\[20[01]~/g, '').replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  return clean ? value + clean : null;
}
