import { Box, Text } from 'ink';
import { FILTER_FIELDS, type BrowseFilter } from '../state/browse.js';
import { useTheme } from '../theme.js';

/** The filter panel: ↑↓ a field, Enter types its value, Enter again applies, Backspace clears. */
export function FilterPanel({ filter, field, value }: { filter: BrowseFilter; field: number; value: string | null }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={theme.accent} paddingX={1}>
      {FILTER_FIELDS.map((f, i) => {
        const chosen = i === field;
        const editing = chosen && value !== null;
        return (
          <Text key={f} inverse={chosen && !editing}>
            {chosen ? '▸ ' : '  '}
            {f.padEnd(9)}
            {editing ? (
              <Text>
                {value}
                <Text inverse> </Text>
              </Text>
            ) : (
              (filter[f] ?? '')
            )}
          </Text>
        );
      })}
    </Box>
  );
}
