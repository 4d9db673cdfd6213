import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { Spinner } from './Spinner.js';

/** The bottom line: the view, AI/rules mode, who answered, what is running, key hints. */
export function StatusBar({ view, mode, provider, busy, hint, width }: { view: string; mode?: 'rules' | 'ai'; provider?: string | null; busy: string | null; hint: string; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width} height={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text inverse bold>
          {` ${view} `}
        </Text>
      </Box>
      {mode ? (
        <Box flexShrink={0}>
        <Text>
          {' '}
          mode: <Text color={mode === 'ai' ? theme.accent : theme.ok} bold>{mode === 'ai' ? 'AI' : 'rules'}</Text>
          {provider ? ` · answered by ${provider}` : ''}
        </Text>
        </Box>
      ) : null}
      {busy ? (
        <Box flexShrink={0}>
          <Text color={theme.warn}>
            {' '}
            <Spinner /> {busy}
          </Text>
        </Box>
      ) : null}
      <Box flexGrow={1} flexShrink={1} justifyContent="flex-end" paddingLeft={1}>
        <Text color={theme.muted} wrap="truncate-start">
          {hint}
        </Text>
      </Box>
    </Box>
  );
}
