import { Box, Text } from 'ink';

/** Already painted, already fitted lines, one Text each (no wrapping: widths are computed upstream). */
export function Lines({ lines }: { lines: readonly string[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
