import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** A percentage, coloured by how sure it is (green ≥ 80 %, yellow ≥ 50 %, red below). */
export function Confidence({ value }: { value: number }) {
  const theme = useTheme();
  const pct = Math.round(value * 100);
  const color = value >= 0.8 ? theme.ok : value >= 0.5 ? theme.warn : theme.error;
  return <Text color={color}>{`${pct}%`.padStart(4)}</Text>;
}
