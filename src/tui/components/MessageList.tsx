import { Box, Text } from 'ink';
import type { CardEdit, ChatItem } from '../state/chat.js';
import { useTheme } from '../theme.js';
import { SuggestionCard, cardHeight } from './SuggestionCard.js';
import { StageList } from './StageList.js';

function itemHeight(item: ChatItem, width: number): number {
  switch (item.kind) {
    case 'user':
    case 'finch':
      return Math.max(1, Math.ceil((item.text.length + 4) / Math.max(20, width)));
    case 'card':
      return cardHeight(item);
    case 'import':
      return 2 + (item.summary ? Math.ceil(item.summary.length / Math.max(20, width)) : 0);
  }
}

/** The newest items that fit in `height` lines (the focused card always does). */
export function visibleItems(items: readonly ChatItem[], height: number, width: number): ChatItem[] {
  const out: ChatItem[] = [];
  let used = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const h = itemHeight(items[i]!, width);
    if (used + h > height && out.length > 0) break;
    out.unshift(items[i]!);
    used += h;
  }
  return out;
}

export function MessageList({ items, height, width, focusedCard, edit }: { items: ChatItem[]; height: number; width: number; focusedCard: number | null; edit: CardEdit | null }) {
  const theme = useTheme();
  const shown = visibleItems(items, height, width);
  return (
    <Box flexDirection="column" height={height} overflow="hidden" justifyContent="flex-end">
      {items.length === 0 ? (
        <Text color={theme.muted}>Type what you spent, e.g. "@john $50 lunch at pizza place #work", or drop a statement file path. /help lists commands.</Text>
      ) : null}
      {shown.map((item) => {
        switch (item.kind) {
          case 'user':
            return (
              <Text key={item.id} color={theme.me}>
                you › {item.text}
              </Text>
            );
          case 'finch':
            return (
              <Text key={item.id} color={item.tone === 'error' ? theme.error : item.tone === 'ok' ? theme.ok : undefined}>
                finch › {item.text}
              </Text>
            );
          case 'card':
            return <SuggestionCard key={item.id} card={item} focused={focusedCard === item.id && item.status === 'pending'} edit={focusedCard === item.id ? edit : null} width={width} />;
          case 'import':
            return <StageList key={item.id} item={item} />;
        }
      })}
    </Box>
  );
}
