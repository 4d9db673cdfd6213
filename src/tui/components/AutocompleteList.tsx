import { Box, Text } from 'ink';
import type { Candidate } from '../state/autocomplete.js';
import { useTheme } from '../theme.js';

export function AutocompleteList({ items, selected, trigger }: { items: Candidate[]; selected: number; trigger: '@' | '#' }) {
  const theme = useTheme();
  if (items.length === 0) return <Text color={theme.muted}>  no match for {trigger}… (Esc hides)</Text>;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {items.map((c, i) => (
        <Text key={`${c.kind}:${c.value}`} inverse={i === selected}>
          {i === selected ? '▸ ' : '  '}
          {trigger}
          {c.value} <Text color={theme.muted}>{c.kind}{c.label && c.label !== c.value ? ` · ${c.label}` : ''}</Text>
        </Text>
      ))}
    </Box>
  );
}
