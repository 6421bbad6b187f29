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

/** A write changes lists, counts, feeds and health alike: everything under ['communities'] goes stale. */
function refresh(queryClient: QueryClient, detail?: CommunityDetail | null) {
  if (detail) queryClient.setQueryData(queryKeys.community(detail.community.id), detail);
  void queryClient.invalidateQueries({ queryKey: queryKeys.communities });
}

/** Writes that return the community's new header. Refusals show as a toast with the core's words. */
function useDetailMutation<I>(call: (input: I) => Promise<CommunityDetail | null>, inline = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (detail) => refresh(queryClient, detail),
    meta: inline ? { inline: true } : undefined,
  });
}

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
export function useSetCommunityPrefs(communityId: string, { inline = false } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: { followed?: boolean; muted?: boolean }) =>
      getApi().communities.setPrefs({ communityId, patch }),
    onSuccess: () => refresh(queryClient),
    meta: inline ? { inline: true } : undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (communityId: string) => getApi().communities.markRead({ communityId }),
    onSuccess: () => refresh(queryClient),
    // Marking read is a courtesy: a failure is not worth a toast.
    meta: { inline: true },
  });
}

/** Posting, answering, editing, deleting, accepting: errors show beside the form that caused them. */
export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePostInput) => getApi().communities.createPost(input),
    onSuccess: () => refresh(queryClient),
    meta: { inline: true },
  });
}

export function useUpdatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdatePostInput) => getApi().communities.updatePost(input),
    onSuccess: () => refresh(queryClient),
    meta: { inline: true },
  });
}

export function useDeletePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) => getApi().communities.deletePost({ postId }),
    onSuccess: () => refresh(queryClient),
    meta: { inline: true },
  });
}

export function useAcceptAnswer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { questionId: string; answerId: string | null }) =>
      getApi().communities.acceptAnswer(input),
    onSuccess: (thread) => {
      queryClient.setQueryData(queryKeys.postThread(thread.item.post.id), thread);
      refresh(queryClient);
    },
    meta: { inline: true },
  });
}
