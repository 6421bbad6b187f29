import { Badge, Group, Text } from '@mantine/core';

export function SkillBadges({
  skills,
  onOpen,
}: {
  skills: readonly string[];
  onOpen: (skill: string) => void;
}) {
  if (skills.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No skills listed.
      </Text>
    );
  return (
    <Group gap={8}>
      {skills.map((skill) => (
        <Badge
          key={skill}
          component="button"
          type="button"
          variant="light"
          size="lg"
          radius="sm"
          tt="none"
          fw={500}
          style={{ cursor: 'pointer' }}
          onClick={() => onOpen(skill)}
          title={`Find everyone with ${skill}`}
          data-testid="profile-skill"
        >
          {skill}
        </Badge>
      ))}
    </Group>
  );
}
