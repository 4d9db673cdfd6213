import { Box, Text } from 'ink';
import { CARD_FIELDS, fieldConfidence, fieldText, type CardEdit, type ChatItem } from '../state/chat.js';
import { useTheme } from '../theme.js';
import { Confidence } from './Confidence.js';

type Card = Extract<ChatItem, { kind: 'card' }>;

/** A transaction suggestion: every parsed field with its confidence, and what can be done with it. */
export function SuggestionCard({ card, focused, edit, width }: { card: Card; focused: boolean; edit: CardEdit | null; width: number }) {
  const theme = useTheme();
  const s = card.result.suggestion;
  const statusText =
    card.status === 'saved' ? `✓ saved ${card.savedId?.slice(0, 13) ?? ''}` : card.status === 'discarded' ? '✗ discarded' : card.status === 'saving' ? 'saving…' : focused ? (edit ? '↑↓ field · Enter edit · Esc done' : 'Enter save · e edit · x discard · Tab back to typing') : 'Tab to act on it';
  const cardWidth = Math.min(width, 78);
  // border and padding 4, label 15, confidence 5
  const fieldWidth = Math.max(10, cardWidth - 24);
  return (
    <Box flexDirection="column" borderStyle={focused ? 'double' : 'round'} borderColor={focused ? theme.accent : theme.muted} paddingX={1} width={cardWidth} flexShrink={0}>
      <Text bold>
        suggestion · {card.result.answeredBy} · <Confidence value={s.confidence} /> sure
      </Text>
      {CARD_FIELDS.map((f, i) => {
        const text = fieldText(card.result, f);
        const chosen = edit !== null && edit.field === i;
        if (!text && !chosen) return null;
        const editing = chosen && edit.value !== null;
        return (
          <Box key={f}>
            <Box width={15} flexShrink={0}>
              <Text inverse={chosen && !editing}>{`${chosen ? '▸' : ' '} ${f.padEnd(12)}`}</Text>
            </Box>
            <Box width={fieldWidth} flexShrink={0}>
              {editing ? (
                <Text>
                  {edit.value}
                  <Text inverse> </Text>
                </Text>
              ) : (
                <Text wrap="truncate-end">{text}</Text>
              )}
            </Box>
            <Box width={5} flexShrink={0} justifyContent="flex-end">
              {!editing ? <Confidence value={fieldConfidence(s, f)} /> : null}
            </Box>
          </Box>
        );
      })}
      {edit?.error ? <Text color={theme.error}>! {edit.error}</Text> : null}
      {card.error ? <Text color={theme.error}>! {card.error}</Text> : null}
      {card.result.notes.map((n) => (
        <Text key={n} color={theme.warn}>
          note: {n}
        </Text>
      ))}
      <Text color={card.status === 'saved' ? theme.ok : theme.muted}>{statusText}</Text>
    </Box>
  );
}

/** Lines a card takes on screen, for fitting the message list into the terminal. */
export function cardHeight(card: Card): number {
  const fields = CARD_FIELDS.filter((f) => fieldText(card.result, f)).length;
  return fields + 4 + card.result.notes.length + (card.error ? 1 : 0);
}
