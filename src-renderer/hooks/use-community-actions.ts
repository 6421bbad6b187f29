import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CommunityDetail,
  CommunityFields,
  CommunityRole,
  CreatePostInput,
  UpdatePostInput,
} from '#shared/domain/community';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/**
 * A community write: it changes lists, counts, feeds and health alike, so everything under ['communities']
 * goes stale once it succeeds (after `settle` has put what it returned in place). `inline`: the caller shows
 * a refusal beside the control; otherwise it shows as a toast with the core's words.
 */
function useCommunityWrite<I, O>(
  call: (input: I) => Promise<O>,
  inline: boolean,
  settle?: (queryClient: QueryClient, output: O) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (output) => {
      settle?.(queryClient, output);
      void queryClient.invalidateQueries({ queryKey: queryKeys.communities });
    },
    meta: inline ? { inline: true } : undefined,
  });
}

/** Writes that return the community's new header. */
const useDetailMutation = <I>(call: (input: I) => Promise<CommunityDetail | null>, inline = false) =>
  useCommunityWrite(call, inline, (queryClient, detail) => {
    if (detail) queryClient.setQueryData(queryKeys.community(detail.community.id), detail);
  });

export const useProposeCommunity = () =>
  useDetailMutation((fields: CommunityFields) => getApi().communities.propose(fields), true);

export const useUpdateCommunity = (communityId: string) =>
  useDetailMutation(
    (patch: Partial<CommunityFields>) => getApi().communities.update({ communityId, patch }),
    true,
  );

export const useArchiveCommunity = (communityId: string) =>
  useDetailMutation((archived: boolean) => getApi().communities.archive({ communityId, archived }));

export const useJoinCommunity = () =>
  useDetailMutation((communityId: string) => getApi().communities.join({ communityId }));

/** Leaving, or withdrawing a request to join. */
export const useLeaveCommunity = () =>
  useDetailMutation((communityId: string) => getApi().communities.leave({ communityId }));

export const useDecideRequest = (communityId: string) =>
  useDetailMutation((input: { personId: string; approve: boolean }) =>
    getApi().communities.decideRequest({ communityId, ...input }),
  );

export const useSetRole = (communityId: string) =>
  useDetailMutation((input: { personId: string; role: CommunityRole }) =>
    getApi().communities.setRole({ communityId, ...input }),
  );

export const useRemoveMember = (communityId: string) =>
  useDetailMutation((personId: string) => getApi().communities.removeMember({ communityId, personId }));

/** Follow and mute; `inline`: the caller shows a refusal beside the control rather than as a toast. */
export const useSetCommunityPrefs = (communityId: string, { inline = false } = {}) =>
  useCommunityWrite(
    (patch: { followed?: boolean; muted?: boolean }) => getApi().communities.setPrefs({ communityId, patch }),
    inline,
  );

// Marking read is a courtesy: a failure is not worth a toast.
export const useMarkRead = () =>
  useCommunityWrite((communityId: string) => getApi().communities.markRead({ communityId }), true);

/** Posting, answering, editing, deleting, accepting: errors show beside the form that caused them. */
export const useCreatePost = () =>
  useCommunityWrite((input: CreatePostInput) => getApi().communities.createPost(input), true);

export const useUpdatePost = () =>
  useCommunityWrite((input: UpdatePostInput) => getApi().communities.updatePost(input), true);

export const useDeletePost = () =>
  useCommunityWrite((postId: string) => getApi().communities.deletePost({ postId }), true);

export const useAcceptAnswer = () =>
  useCommunityWrite(
    (input: { questionId: string; answerId: string | null }) => getApi().communities.acceptAnswer(input),
    true,
    (queryClient, thread) => queryClient.setQueryData(queryKeys.postThread(thread.item.post.id), thread),
  );
