import { Avatar, type MantineSize } from '@mantine/core';
import { colorFor, initialsOf } from '../lib/format.ts';

interface Props {
  id: string;
  name: string;
  size?: MantineSize | number;
  inactive?: boolean;
}

export function PersonAvatar({ id, name, size = 'md', inactive = false }: Props) {
  return (
    <Avatar size={size} radius={999} color={inactive ? 'gray' : colorFor(id)} variant="light" aria-hidden>
      {initialsOf(name)}
    </Avatar>
  );
}
