import { Box, Text } from 'ink';
import type { ChatItem } from '../state/chat.js';
import { useTheme } from '../theme.js';

type Import = Extract<ChatItem, { kind: 'import' }>;

const MARK = { waiting: '·', started: '…', ok: '✓', failed: '✗', skipped: '-' } as const;

/** A statement going through the pipeline, stage by stage, live. */
export function StageList({ item }: { item: Import }) {
  const theme = useTheme();
  const color = (s: Import['stages'][number]['status']) => (s === 'ok' ? theme.ok : s === 'failed' ? theme.error : s === 'started' ? theme.accent : theme.muted);
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text>
        <Text bold>{item.filename}</Text> {item.status === 'running' ? 'importing…' : item.status === 'done' ? 'imported' : 'failed'}
      </Text>
      <Box>
        {item.stages.map((s) => (
          <Text key={s.stage} color={color(s.status)}>
            {MARK[s.status]} {s.stage}
            {s.ms !== undefined ? ` ${s.ms}ms` : ''}
            {'  '}
          </Text>
        ))}
      </Box>
      {item.summary ? <Text color={item.status === 'failed' ? theme.error : theme.ok}>{item.summary}</Text> : null}
    </Box>
  );
}
