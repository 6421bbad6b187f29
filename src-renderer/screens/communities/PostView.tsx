import { Badge, Button, Group, Paper, Popover, Stack, Text, Title } from '@mantine/core';
import {
  IconCalendarEvent,
  IconCircleCheck,
  IconCircleCheckFilled,
  IconEdit,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { FeedItem } from '#shared/domain/community';
import { PostKindBadge } from '../../components/communities/CommunityBadges.tsx';
import { PostMeta } from '../../components/communities/PostMeta.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useAcceptAnswer, useDeletePost } from '../../hooks/use-community-actions.ts';
import { formatEventTime } from '../../lib/community-labels.ts';
import { PostEditor } from './PostEditor.tsx';
import { ActionError } from '../../components/FormActions.tsx';

interface Props {
  item: FeedItem;
  now: number;
  /** The viewer may edit and delete it (its author, or a moderator); the core has the last word. */
  canEdit: boolean;
  /** On an answer: the viewer may accept it (the asker, or a moderator). */
  canAccept?: boolean;
  /** On an answer: it is the accepted one. */
  accepted?: boolean;
  onDeleted?: () => void;
}

/** A post or an answer in full, with what the viewer may do to it. */
export function PostView({ item, now, canEdit, canAccept = false, accepted = false, onDeleted }: Props) {
  const { post } = item;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeletePost();
  const accept = useAcceptAnswer();
  const isAnswer = post.kind === 'answer';
  const error = remove.error ?? accept.error;

  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      data-testid={isAnswer ? 'answer' : 'thread-post'}
      data-accepted={accepted || undefined}
      data-post-id={post.id}
      style={
        accepted
          ? { borderColor: 'var(--mantine-color-teal-5)', background: 'var(--mantine-color-teal-light)' }
          : undefined
      }
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <PostMeta item={item} now={now} />
          <Group gap={6} wrap="nowrap">
            {accepted ? (
              <Badge
                color="teal"
                leftSection={<IconCircleCheckFilled size={12} />}
                data-testid="accepted-badge"
              >
                Accepted answer
              </Badge>
            ) : null}
            {isAnswer ? null : <PostKindBadge kind={post.kind} />}
          </Group>
        </Group>
        {post.title ? (
          <Title order={isAnswer ? 3 : 2} fz={isAnswer ? 'md' : 20} data-testid="thread-title">
            {post.title}
          </Title>
        ) : null}
        {post.event ? (
          <Group gap={6} c="violet">
            <IconCalendarEvent size={16} />
            <Text size="sm" fw={500} c="inherit" data-testid="event-when">
              {formatEventTime(post.event.startsAt)} · {post.event.place}
            </Text>
          </Group>
        ) : null}
        {editing ? (
          <PostEditor post={post} onDone={() => setEditing(false)} />
        ) : post.body.trim() ? (
          <Markdown testId="post-body">{post.body}</Markdown>
        ) : null}
        <ActionError title="Not done" error={error} testId="post-action-error" />
        {!editing && (canEdit || canAccept) ? (
          <Group gap="xs">
            {canAccept ? (
              <Button
                size="xs"
                variant={accepted ? 'default' : 'light'}
                color="teal"
                leftSection={<IconCircleCheck size={14} />}
                loading={accept.isPending}
                onClick={() =>
                  accept.mutate({ questionId: post.parentId ?? '', answerId: accepted ? null : post.id })
                }
                data-testid={accepted ? 'unaccept-answer' : 'accept-answer'}
              >
                {accepted ? 'Unaccept' : 'Accept'}
              </Button>
            ) : null}
            {canEdit ? (
              <>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconEdit size={14} />}
                  onClick={() => setEditing(true)}
                  data-testid="post-edit"
                >
                  Edit
                </Button>
                <Popover opened={confirming} onChange={setConfirming} withArrow position="bottom-start">
                  <Popover.Target>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={() => setConfirming((open) => !open)}
                      data-testid="post-delete"
                    >
                      Delete
                    </Button>
                  </Popover.Target>
                  <Popover.Dropdown>
                    <Stack gap="xs" maw={260}>
                      <Text size="sm">
                        Delete this {isAnswer ? 'answer' : 'post'}? Everyone in the community stops seeing it.
                      </Text>
                      <Group gap="xs" justify="flex-end">
                        <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                          Cancel
                        </Button>
                        <Button
                          size="xs"
                          color="red"
                          loading={remove.isPending}
                          onClick={() =>
                            remove.mutate(post.id, {
                              onSuccess: () => {
                                setConfirming(false);
                                onDeleted?.();
                              },
                              onError: () => setConfirming(false),
                            })
                          }
                          data-testid="post-delete-confirm"
                        >
                          Delete
                        </Button>
                      </Group>
                    </Stack>
                  </Popover.Dropdown>
                </Popover>
              </>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
