import { Box, Text } from 'ink';
import type { Transaction } from '../../core/index.js';
import { useTheme } from '../theme.js';

/** Width of everything but the description: marks, date, amount, currency, category, tags. */
export const ROW_FIXED = 33 + 1 + 14 + 16;

export function TransactionRow({ tx, cursor, selected, descWidth }: { tx: Transaction; cursor: boolean; selected: boolean; descWidth: number }) {
  const theme = useTheme();
  const tags = tx.tags.map((t) => `#${t}`).join(' ');
  return (
    <Box height={1} flexShrink={0}>
      <Box width={33} flexShrink={0}>
        <Text inverse={cursor}>
          {cursor ? '▸' : ' '}
          {selected ? '[x]' : '[ ]'} {tx.date} <Text color={tx.amountMinor < 0 ? undefined : theme.ok}>{tx.amount.padStart(11)}</Text> {tx.currency}{' '}
        </Text>
      </Box>
      <Box width={descWidth} flexShrink={0}>
        <Text inverse={cursor} wrap="truncate-end">
          {tx.description}
        </Text>
      </Box>
      <Box width={14} flexShrink={0} paddingLeft={1}>
        <Text inverse={cursor} color={tx.category ? theme.accent : theme.muted} wrap="truncate-end">
          {tx.category ?? '—'}
        </Text>
      </Box>
      <Box width={16} flexShrink={0}>
        <Text color={theme.muted} wrap="truncate-end">
          {tags}
        </Text>
      </Box>
    </Box>
  );
}
