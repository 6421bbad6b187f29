import { Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import type { CommunityDetail, PostThread } from '#shared/domain/community';
import { communityHref } from '../../components/communities/CommunityCard.tsx';
import { DetailPage } from '../../components/DetailPage.tsx';
import { useCommunity, usePostThread } from '../../hooks/use-communities.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useSession } from '../../hooks/use-session.ts';
import { isActive } from '../../lib/community-labels.ts';
import { AnswerComposer } from './AnswerComposer.tsx';
import { PostView } from './PostView.tsx';

/** A post on its own page; for a question, its answers (the accepted one first) and a box to answer. */
export function ThreadScreen({ id, postId }: { id: string; postId: string }) {
  const communityId = decodeURIComponent(id);
  const thread = usePostThread(decodeURIComponent(postId));
  const detail = useCommunity(communityId);
  const [, navigate] = useLocation();
  const back = () => navigate(communityHref(communityId));
  // The post and its community, read together. Only the post's own not_found means "this post is gone"; a
  // community that cannot be read is an error like any other.
  const communityError =
    detail.error?.name === 'not_found' ? new Error(detail.error.message) : (detail.error ?? null);
  const both = {
    data: thread.data && detail.data ? { thread: thread.data, detail: detail.data } : undefined,
    error: thread.error ?? communityError,
    refetch: () => Promise.all([thread.refetch(), detail.refetch()]),
  };

  return (
    <DetailPage
      back={{ label: detail.data?.community.name ?? 'Community', onClick: back }}
      maw={880}
      query={both}
      errorTitle="Could not open this post"
      loading={
        <Stack gap="md" aria-busy>
          <Skeleton height={200} radius="lg" />
          <Skeleton height={100} radius="lg" />
        </Stack>
      }
      notFound={{
        icon: <IconMessageQuestion size={28} />,
        title: 'This post is gone',
        description: 'It was deleted, or it is in a community you cannot see.',
        testId: 'thread-not-found',
        action: { label: 'Back to the community', onClick: back },
      }}
    >
      {(data) => <ThreadBody thread={data.thread} detail={data.detail} onDeleted={back} />}
    </DetailPage>
  );
}

function ThreadBody({
  thread,
  detail,
  onDeleted,
}: {
  thread: PostThread;
  detail: CommunityDetail;
  onDeleted: () => void;
}) {
  const now = useNow(30_000);
  const session = useSession();
  const myId = session.data?.state === 'signed_in' ? session.data.me?.id : undefined;
  const { me, community } = detail;
  const question = thread.item.post;
  const member = isActive(me);
  const moderator = isActive(me, 'moderator');
  const canEdit = (authorId: string) => !community.archived && (moderator || (member && authorId === myId));
  const canAccept = !community.archived && (moderator || (member && question.authorId === myId));
  const accepted = question.acceptedAnswerId;
  // The accepted answer first, then the others oldest first.
  const answers = [...thread.answers].sort(
    (a, b) => Number(b.post.id === accepted) - Number(a.post.id === accepted),
  );

  return (
    <Stack gap="md">
      <PostView item={thread.item} now={now} canEdit={canEdit(question.authorId)} onDeleted={onDeleted} />
      {question.kind === 'question' ? (
        <>
          <Group justify="space-between" mt="sm">
            <Title order={2} fz="md" data-testid="answers-heading">
              {answers.length === 0
                ? 'No answers yet'
                : `${answers.length} ${answers.length === 1 ? 'answer' : 'answers'}`}
            </Title>
            {accepted ? (
              <Text size="sm" c="teal">
                Answered
              </Text>
            ) : null}
          </Group>
          <Stack gap="sm" data-testid="answers">
            {answers.map((answer) => (
              <PostView
                key={answer.post.id}
                item={answer}
                now={now}
                canEdit={canEdit(answer.post.authorId)}
                canAccept={canAccept}
                accepted={answer.post.id === accepted}
              />
            ))}
          </Stack>
          {member && !community.archived ? (
            <AnswerComposer communityId={community.id} questionId={question.id} />
          ) : (
            <Text size="sm" c="dimmed" ta="center">
              {community.archived
                ? 'This community is archived: no new answers.'
                : 'Join the community to answer.'}
            </Text>
          )}
        </>
      ) : null}
    </Stack>
  );
}
